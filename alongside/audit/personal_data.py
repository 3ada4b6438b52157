"""The audit log's part of a download: what was recorded as done by a person or to their data.

Audit events are never edited or removed for one person (that would break the hash chain and
hide what staff did); they hold ids, not names or words, and after an erasure those ids point at
a nameless tombstone. They are removed only by age, with everyone's (`audit_prune`)."""

from django.db.models import Q

from alongside.audit.models import Action, AuditEvent
from alongside.core.personal_data import exempt, json_safe, register


def _events(user) -> list[dict]:
    rows = AuditEvent.objects.filter(Q(subject_id=user.pk) | Q(actor_id=user.pk)).order_by("id")
    return [
        {
            "when": json_safe(row.created_at),
            "what": Action(row.action).label if row.action in Action.values else row.action,
            "by": "you" if row.actor_id == user.pk else (row.actor_role or "system"),
            "outcome": row.get_outcome_display(),
            "reason_given": bool(row.reason),
        }
        for row in rows.iterator(chunk_size=2000)
    ]


register(
    app_label="audit", key="audit.events", title="The audit log: what was done, by whom, when",
    models=(), export=_events,
    kept=(
        "Audit log entries stay until they reach the log's retention age, as everyone's do. "
        "They hold numbers, never names or words, and after deletion those numbers lead to no one."
    ),
)  # fmt: skip
exempt("audit.AuditReason", "the words of staff reasons, kept and aged with their audit events")
