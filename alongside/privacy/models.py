from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedTextField


class ExportStatus(models.TextChoices):
    PREPARING = "preparing", "Being prepared"
    READY = "ready", "Ready to download"
    DOWNLOADED = "downloaded", "Downloaded"
    FAILED = "failed", "Could not be prepared"


class ExportArchive(models.Model):
    """One download of everything Alongside holds about a person, built in the background.

    The archive itself is encrypted at rest, fetched once through a signed link that names
    this row and its nonce, and emptied as soon as it is fetched or its time runs out."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_archives"
    )
    status = models.CharField(
        max_length=16, choices=ExportStatus.choices, default=ExportStatus.PREPARING
    )
    nonce = models.CharField(max_length=32)
    # The zip archive, base64-encoded, then encrypted like every private text.
    content = EncryptedTextField(blank=True, default="")
    size = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.status})"
