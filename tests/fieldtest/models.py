from django.db import models

from alongside.core.fields import EncryptedTextField


class Secret(models.Model):
    """A test-only model carrying one encrypted field."""

    label = models.CharField(max_length=20)
    body = EncryptedTextField(blank=True, null=True)

    class Meta:
        app_label = "fieldtest"

    def __str__(self) -> str:
        return self.label
