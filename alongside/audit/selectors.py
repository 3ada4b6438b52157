from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings

from alongside.audit.models import AuditChainAnchor, AuditChainHead, AuditEvent
from alongside.audit.services import GENESIS_HASH


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    problem: str


def audit_chain_problems(*, batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Walk the chain in order and yield every row whose links or signature do not add up,
    and a head row that is missing or points elsewhere than the newest event."""
    keys = list(settings.AUDIT_CHAIN_KEYS)
    anchor = AuditChainAnchor.objects.filter(pk=1).first()
    # After a prune the chain starts at the anchor, not at the very first entry ever written.
    expected_prev = anchor.first_prev_hash if anchor else GENESIS_HASH
    events = AuditEvent.objects.select_related("reason_note").order_by("id")
    for event in events.iterator(chunk_size=batch_size):
        if event.prev_hash != expected_prev:
            yield ChainProblem(
                event.pk, "previous-hash link broken (a row was removed or reordered)"
            )
        if not event.signed_by_any(keys):
            yield ChainProblem(
                event.pk, "content does not match its signature (the row was changed)"
            )
        if event.reason and not _reason_matches(event, keys):
            yield ChainProblem(event.pk, "its encrypted reason is missing or was changed")
        expected_prev = event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None and expected_prev != (anchor.first_prev_hash if anchor else GENESIS_HASH):
        yield ChainProblem(0, "the chain head row is missing (it was removed)")
    elif head is not None and head.last_hash != expected_prev:
        yield ChainProblem(0, "the newest events are missing (the chain head points past them)")


def _reason_matches(event: AuditEvent, keys: list[str]) -> bool:
    note = getattr(event, "reason_note", None)
    return note is not None and note.matches(keys)


def recent_audit_events(*, limit: int = 50) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("-id")[:limit])
