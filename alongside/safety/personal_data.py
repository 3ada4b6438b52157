"""Escalations: a safety record of a message that suggested crisis risk."""

from django.db.models import Q

from alongside.core.personal_data import exempt, pick, register
from alongside.safety.models import Escalation


def _escalations(user) -> list[dict]:
    rows = Escalation.objects.filter(raised_by=user).order_by("created_at", "id")
    return [
        pick(row, "created_at", "level", "acknowledged_at", "outcome", "resolved_at")
        for row in rows
    ]


def _erase(user) -> None:
    # Kept for the retention period as the program's safety record, no longer linked to you.
    Escalation.objects.filter(raised_by=user).update(raised_by=None)


def _purge(user) -> None:
    Escalation.objects.filter(Q(partnership__peer=user) | Q(partnership__mentor=user)).delete()


register(
    app_label="safety", key="safety.escalations",
    title="Times a message of yours asked a coordinator to check in",
    models=("safety.Escalation",), export=_escalations, erase=_erase, purge=_purge,
    kept=(
        "If a message of yours asked a coordinator to check in, that record (when, how "
        "urgent, what was done) is kept without your name for the retention period, because "
        "the program must be able to show how it responded to a safety concern."
    ),
)  # fmt: skip
exempt(
    "safety.NotificationAttempt", "a record of paging staff; kept and removed with its escalation"
)
exempt("safety.CrisisResource", "a public directory entry, about a service, not a person")
