from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedTextField


class Level(models.TextChoices):
    """The screening engine's crisis levels that raise an escalation ("none" raises nothing)."""

    CONCERN = "concern", "Concern"
    URGENT = "urgent", "Urgent"


class Priority(models.IntegerChoices):
    # Lower sorts first: the queue shows urgent escalations before concerns.
    HIGH = 1, "High"
    LOWER = 2, "Lower"


class Outcome(models.TextChoices):
    """What a coordinator did about an escalation."""

    CONTACTED_PEER = "contacted_peer", "Contacted the peer"
    CONTACTED_MENTOR = "contacted_mentor", "Contacted the mentor"
    REFERRED = "referred", "Referred to another service"
    EMERGENCY_SERVICES = "emergency_services", "Emergency services informed"
    NO_ACTION = "no_action", "No action needed"


class Escalation(models.Model):
    """A message suggested crisis risk: the durable record (an outbox row) that a coordinator
    must see. It is the source of truth; the task queue only carries the paging."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="escalations"
    )
    # Safety knows the message by id only and never reads it (conversations owns messages).
    message_id = models.BigIntegerField()
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    level = models.CharField(max_length=16, choices=Level.choices)
    priority = models.PositiveSmallIntegerField(choices=Priority.choices)
    pages = models.BooleanField(help_text="Whether coordinators are paged for it.")
    created_at = models.DateTimeField(default=timezone.now)
    # The paging round in progress (0: never paged) and when it started; the watchdog starts
    # a new round for an unacknowledged urgent escalation every ESCALATION_RENOTIFY_MINUTES.
    round = models.PositiveIntegerField(default=0)
    round_started_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=32, choices=Outcome.choices, blank=True)
    outcome_reason = EncryptedTextField(blank=True, default="")
    notes = EncryptedTextField(blank=True, default="")
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["priority", "created_at", "id"]
        indexes = [
            models.Index(fields=["resolved_at", "priority", "created_at"], name="escalation_queue"),
        ]

    def __str__(self) -> str:
        return f"Escalation {self.pk} ({self.level})"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


class Channel(models.TextChoices):
    IN_APP = "in_app", "In the app"
    EMAIL = "email", "Email"


class NotificationAttempt(models.Model):
    """One try at telling one coordinator about one escalation, in one round, on one channel.

    The unique constraint makes sending idempotent: a retried or repeated task finds the row and
    pages nobody twice. The in-app row is itself the coordinator's in-app notice."""

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="attempts")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(max_length=16, choices=Channel.choices)
    round = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField(default=False)
    error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["escalation", "round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "coordinator", "channel", "round"],
                name="one_attempt_per_coordinator_channel_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.channel} to {self.coordinator_id}, round {self.round}"


class Kind(models.TextChoices):
    EATING_DISORDER = "eating_disorder", "Eating-disorder specific"
    GENERAL = "general", "General crisis support"


class CrisisResource(models.Model):
    """A crisis line or helpline a person can reach now. Public: shown without signing in."""

    name = models.CharField(max_length=200)
    offers = models.CharField("what it offers", max_length=300, blank=True)
    audience = models.CharField("who it is for", max_length=200, blank=True)
    region = models.CharField(
        max_length=40,
        help_text='A country code ("CA") for a national line, or country and area ("CA-ON").',
    )
    phone = models.CharField(max_length=60, blank=True)
    text = models.CharField("text", max_length=120, blank=True)
    web = models.CharField("website", max_length=200, blank=True)
    hours = models.CharField(max_length=120, blank=True)
    languages = models.CharField(max_length=120, blank=True, help_text="For example: en, fr")
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.GENERAL)
    last_verified = models.DateField(null=True, blank=True)
    is_example = models.BooleanField(
        default=False, help_text="Example data: shown as “verify before use”."
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region", "kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.region})"

    @property
    def is_national(self) -> bool:
        return "-" not in self.region
