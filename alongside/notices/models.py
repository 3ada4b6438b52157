from django.conf import settings
from django.db import models
from django.utils import timezone


class Notice(models.Model):
    """A short "come and look" for one person, in the app and (usually) by email.

    The words are the program's own, written by the app that sends the notice, and never what a
    person wrote: a notice is shown in the header and sent by email, so it carries no private
    text and needs no encryption."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    headline = models.CharField(max_length=120)
    body = models.CharField(max_length=400, blank=True)
    # A path inside the site ("/mentor/requests/"), where the person can act on the notice.
    link = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notice_unread")]

    def __str__(self) -> str:
        return f"Notice {self.pk} to {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
