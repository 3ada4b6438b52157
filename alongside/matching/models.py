from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.core.fields import EncryptedJSONField, EncryptedTextField
from alongside.intake.choices import AgeRange


class MentorProfile(models.Model):
    """What peers will see when choosing a mentor; identity facets only if marked shared."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    # The mentor's own words for peers to read: profile text, public by design, not private.
    about_me = models.TextField(max_length=1500, blank=True)
    # Health and identity are encrypted, even the parts a mentor shows peers (a database copy
    # must not say who has had which illness); ranking reads them in Python, never in SQL.
    lived_experience = EncryptedJSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    meeting_modes = models.JSONField(default=list, blank=True)
    region = models.CharField(max_length=80, blank=True, help_text="Where you can meet in person.")
    availability = models.JSONField(default=list, blank=True)
    gender = EncryptedTextField(blank=True, default="")
    share_gender = models.BooleanField(default=False)
    age_range = EncryptedTextField(choices=AgeRange.choices, blank=True, default="")
    share_age_range = models.BooleanField(default=False)
    lgbtq2s = EncryptedJSONField(default=False, verbose_name="I am LGBTQ2S+")
    share_lgbtq2s = models.BooleanField(default=False)
    culture = EncryptedTextField(blank=True, default="")
    share_culture = models.BooleanField(default=False)
    caseload_cap = models.PositiveSmallIntegerField(default=1)
    # A mentor can pause new matches for self-care without losing approval or partnerships.
    is_paused = models.BooleanField(default=False)
    # Kept up to date by the save service so "matchable" stays one indexed query.
    is_complete = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Mentor profile of {self.mentor}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the mentor"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MentorRequest(models.Model):
    """A peer asking one mentor to partner with them; one pending request per peer."""

    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_mentor_requests"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_requests"
    )
    note = EncryptedTextField(blank=True, default="")
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    # For coordinators only; the peer is never shown why.
    decline_reason = EncryptedTextField(blank=True, default="")
    partnership = models.OneToOneField(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_request",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer"],
                condition=Q(status="pending"),
                name="one_pending_request_per_peer",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="request_status_created")]

    def __str__(self) -> str:
        return f"Request {self.pk} ({self.status})"


class WaitlistEntry(models.Model):
    """A peer who asked to hear when a mentor who fits becomes available."""

    peer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entry"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a fitting mentor appeared; the peer's home shows a notice until they act on it.
    notified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Waitlist entry of {self.peer}"
