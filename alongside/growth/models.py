"""Moving towards: the peer's own goals, their small steps and progress, and the strengths
either person noticed. Every word is encrypted; the peer decides what is theirs."""

from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedTextField
from alongside.partnerships.models import Side

GOAL_MAX = 300
NOTE_MAX = 1000


class GoalStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested by your mentor"
    ACTIVE = "active", "Moving towards it"
    REACHED = "reached", "Reached"
    SET_ASIDE = "set_aside", "Set aside for now"
    DECLINED = "declined", "Not for me"


class Goal(models.Model):
    """Something the peer wants to move towards. A mentor's suggestion becomes a goal only
    when the peer accepts it."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="goals"
    )
    title = EncryptedTextField()
    why = EncryptedTextField(blank=True, default="")
    status = models.CharField(max_length=16, choices=GoalStatus.choices)
    suggested_by = models.CharField(max_length=8, choices=Side.choices, default=Side.PEER)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Goal {self.pk} ({self.status})"


class GoalStep(models.Model):
    """One small step towards a goal, which the peer ticks off when it is done."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Step {self.pk} of goal {self.goal_id}"


class GoalProgress(models.Model):
    """A line in a goal's history: how it is going, in the peer's words, when they write it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    note = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Progress on goal {self.goal_id}"


class Strength(models.Model):
    """A strength one of the two noticed ("you reached out when it was hard"). The peer sees
    them as a timeline and can hide any of them, from both views."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="strengths"
    )
    noticed_by = models.CharField(max_length=8, choices=Side.choices)
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Strength {self.pk} in partnership {self.partnership_id}"
