from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedTextField


class SupportRequest(models.Model):
    """A mentor asking a coordinator for help: with a partnership (a "call for assistance" from
    the conversation) or for themselves. The note is the mentor's words to coordinators."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_requests"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="support_requests",
    )  # fmt: skip
    note = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["handled_at", "created_at", "id"]  # open ones (no handled_at) first

    def __str__(self) -> str:
        return f"Support request {self.pk}"
