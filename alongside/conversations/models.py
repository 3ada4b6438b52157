from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedTextField

MAX_MESSAGE_LENGTH = 4000


class Message(models.Model):
    """One message in a partnership's conversation. The body is encrypted; nothing the coach
    said about it is ever stored with it."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_messages"
    )
    body = EncryptedTextField()
    # Made by the sender's page before sending: a retry after a dropped connection carries the
    # same id, so the message is stored once however often it is sent.
    client_id = models.UUIDField()
    created_at = models.DateTimeField(default=timezone.now)
    # Set when the other person's page has received it, and when they have seen it.
    delivered_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when the other person was emailed that it waits (once per message, if they asked).
    nudged_at = models.DateTimeField(null=True, blank=True)
    # Set when the writer erased their account: the words are gone, the other person reads a
    # note that they left in their place.
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "client_id"], name="one_message_per_client_id"
            )
        ]
        indexes = [
            models.Index(fields=["partnership", "-id"], name="message_partnership_newest"),
            models.Index(fields=["partnership", "read_at"], name="message_partnership_unread"),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} in partnership {self.partnership_id}"

    @property
    def status(self) -> str:
        """What the sender sees: sent, delivered or read."""
        if self.read_at:
            return "read"
        if self.delivered_at:
            return "delivered"
        return "sent"


class CoachMonthlyCount(models.Model):
    """How often the language coach raised each category in a month, across the program.

    Anonymous by design: no person, partnership or text, only the month and the category, so
    program reports can show what mentors are helped with."""

    month = models.DateField(help_text="The first day of the month.")
    category = models.CharField(max_length=32)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "category"], name="one_count_per_month")
        ]

    def __str__(self) -> str:
        return f"{self.category} in {self.month:%Y-%m}: {self.count}"


class ConversationRetention(models.Model):
    """A closed partnership's conversation and its retention: when both people were told it
    will be deleted, whether one of them asked to keep it, and when it was deleted."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="retention"
    )
    noticed_at = models.DateTimeField(null=True, blank=True)
    kept_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    kept_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Retention of partnership {self.partnership_id}"
