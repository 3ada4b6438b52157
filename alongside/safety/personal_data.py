"""Escalations: a safety record of a message that suggested crisis risk."""

from django.db.models import Q

from alongside.core.personal_data import exempt, pick, register
from alongside.safety.models import Escalation


def _escalations(user) -> list[dict]:
    """A peer gets every check-in about them, whether their own message or their mentor's
    (giving back what they told, or urging harm on them) raised it; a mentor gets only when
    and how urgent the ones their messages raised were, since what was done is about the
    peer."""
    rows = (
        Escalation.objects.filter(Q(raised_by=user) | Q(partnership__peer=user))
        .select_related("partnership")
        .order_by("created_at", "id")
    )
    found = []
    for row in rows:
        if row.partnership.peer_id == user.pk:
            item = pick(row, "created_at", "level", "acknowledged_at", "outcome", "resolved_at")
            item["raised_by"] = "you" if row.raised_by_id == user.pk else "your mentor's message"
        else:
            item = pick(row, "created_at", "level")
            item["about"] = "what your peer had told you"
        found.append(item)
    return found


def _erase(user) -> None:
    # Kept for the retention period as the program's safety record, no longer linked to you.
    Escalation.objects.filter(raised_by=user).update(raised_by=None)


def _purge(user) -> None:
    Escalation.objects.filter(Q(partnership__peer=user) | Q(partnership__mentor=user)).delete()


register(
    app_label="safety", key="safety.escalations",
    title="Times a coordinator was asked to check in",
    models=("safety.Escalation",), export=_escalations, erase=_erase, purge=_purge,
    kept=(
        "If a message of yours, or one of your mentor's about you (giving back what you told "
        "them, or writing something that could put you at risk), asked a "
        "coordinator to check in, that record (when, how urgent, what was done) is kept "
        "without your name for the retention period, because the program must be able to "
        "show how it responded to a safety concern."
    ),
)  # fmt: skip
exempt(
    "safety.NotificationAttempt", "a record of paging staff; kept and removed with its escalation"
)
exempt("safety.CrisisResource", "a public directory entry, about a service, not a person")
