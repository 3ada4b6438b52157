"""Reads for the coordinator's console, composed from the apps below."""

from datetime import datetime

from django.db.models import Min
from django.utils import timezone

from alongside.conversations.selectors import messages_leading_to
from alongside.intake.selectors import regions_of
from alongside.safety.models import Escalation
from alongside.safety.selectors import oldest_unacknowledged_urgent_at, open_escalations


def escalation_queue() -> list[dict]:
    """The open escalations, urgent first then oldest, with the partnership's names and the
    peer's region (from their intake, decrypted here for the coordinator's eyes only)."""
    rows = list(open_escalations())
    regions = regions_of({row.partnership.peer_id for row in rows})
    return [{"escalation": row, "region": regions.get(row.partnership.peer_id, "")} for row in rows]


def escalation_context_messages(escalation: Escalation) -> list:
    """The message that raised the escalation and the few before it, oldest first, for the
    opened escalation page only (after a recorded reason and a fresh two-step check)."""
    return messages_leading_to(escalation.partnership_id, escalation.message_id)


def _age_seconds(moment: datetime | None) -> int | None:
    return None if moment is None else max(0, int((timezone.now() - moment).total_seconds()))


def oldest_unrun_task_age() -> int | None:
    """Seconds the oldest task still waiting for a worker has waited (database backend only)."""
    from django.conf import settings

    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return None
    from django_tasks_db.models import DBTaskResult

    # ready(): waiting and due now (a task deferred to later is not late).
    oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
    return _age_seconds(oldest)


def oldest_unacknowledged_urgent_age() -> int | None:
    return _age_seconds(oldest_unacknowledged_urgent_at())
