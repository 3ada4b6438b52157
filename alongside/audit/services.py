"""Write audit events. This is the only way to add one; nothing updates or deletes them."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alongside.audit.models import (
    Action,
    AuditChainHead,
    AuditEvent,
    AuditReason,
    Outcome,
    reason_digest,
)
from alongside.core.request_context import current_request_id

GENESIS_HASH = "0" * 64
# When the caller does not say which role someone acted in, record their most privileged one.
_ROLE_PRIORITY = ("admin", "coordinator", "mentor", "peer")


def audit_record(
    *,
    action: Action,
    actor=None,
    actor_role: str = "",
    target_type: str = "",
    target_id: str | int = "",
    subject=None,
    outcome: str = Outcome.SUCCESS,
    reason: str = "",
) -> AuditEvent:
    """Append one event to the hash chain, in the caller's transaction if there is one.

    A reason's words are stored encrypted beside the event, never in it: the log says that a
    reason was given and where it is."""
    action = Action(action)  # an unknown name is a bug: refuse it rather than log it
    key = settings.AUDIT_CHAIN_KEYS[0]
    reason = reason.strip()
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(
            pk=1, defaults={"last_hash": GENESIS_HASH}
        )
        event = AuditEvent(
            created_at=timezone.now(),
            actor_id=_id_of(actor),
            actor_role=actor_role or _role_of(actor),
            action=action.value,
            target_type=target_type,
            target_id=str(target_id),
            subject_id=_id_of(subject),
            outcome=outcome,
            reason=f"encrypted:{reason_digest(key, reason)}" if reason else "",
            request_id=current_request_id(),
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash(key)
        event.save()
        if reason:
            AuditReason.objects.create(event=event, text=reason)
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


def _role_of(actor) -> str:
    if actor is None:
        return "system"
    held = getattr(actor, "role_set", frozenset())
    return next((role for role in _ROLE_PRIORITY if role in held), "none")


def _id_of(person) -> int | None:
    if person is None or getattr(person, "pk", None) is None:
        return None
    return person.pk


def audit_prune(*, now=None) -> int:
    """Remove entries older than AUDIT_RETENTION_DAYS, oldest first, and move the chain's anchor
    so what remains still verifies. The only removal the log allows, and itself logged."""
    from datetime import timedelta

    from django.db import connection

    from alongside.audit.models import AuditChainAnchor

    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    with transaction.atomic():
        AuditChainHead.objects.select_for_update().filter(pk=1).first()
        old = AuditEvent.objects.filter(created_at__lt=cutoff).order_by("-id").first()
        if old is None:
            return 0
        AuditReason.objects.filter(event_id__lte=old.pk).delete()
        table = connection.ops.quote_name(AuditEvent._meta.db_table)
        with connection.cursor() as cursor:
            # Not through the model: its manager refuses every delete, as it should elsewhere.
            cursor.execute(f"DELETE FROM {table} WHERE id <= %s", [old.pk])  # noqa: S608
            removed = cursor.rowcount
        AuditChainAnchor.objects.update_or_create(
            pk=1,
            defaults={"first_prev_hash": old.hash, "pruned_through_id": old.pk, "pruned_at": now},
        )
        audit_record(action=Action.AUDIT_PRUNE, target_type="audit_events", target_id=removed)
    return removed
