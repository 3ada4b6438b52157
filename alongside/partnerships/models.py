from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class State(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CLOSING = "closing", "Closing"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"


# Partnerships that count against a mentor's caseload and a peer's one-at-a-time rule.
CURRENT_STATES = (State.ACTIVE, State.PAUSED, State.CLOSING)
# Only these count against the mentor's cap: a closing partnership is winding down.
LOAD_STATES = (State.ACTIVE, State.PAUSED)


class Partnership(models.Model):
    """A peer and the mentor they chose, from acceptance to a planned close."""

    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_partnerships"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_partnerships"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.REQUESTED)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One current partnership per peer: the last guard behind the service's own check.
            models.UniqueConstraint(
                fields=["peer"],
                condition=Q(state__in=["active", "paused", "closing"]),
                name="one_current_partnership_per_peer",
            ),
        ]
        indexes = [models.Index(fields=["mentor", "state"], name="partnership_mentor_state")]

    def __str__(self) -> str:
        return f"Partnership {self.pk} ({self.state})"
