from collections.abc import Iterator
from dataclasses import dataclass

from alongside.audit.models import AuditChainHead, AuditEvent
from alongside.audit.services import GENESIS_HASH


@dataclass(frozen=True)
class ChainProblem:
    event_id: int
    problem: str


def audit_chain_problems(*, batch_size: int = 2000) -> Iterator[ChainProblem]:
    """Walk the chain in order and yield every row whose links or hash do not add up."""
    expected_prev = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=batch_size):
        if event.prev_hash != expected_prev:
            yield ChainProblem(
                event.pk, "previous-hash link broken (a row was removed or reordered)"
            )
        if event.compute_hash() != event.hash:
            yield ChainProblem(event.pk, "content does not match its hash (the row was changed)")
        expected_prev = event.hash
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != expected_prev:
        yield ChainProblem(0, "the newest events are missing (the chain head points past them)")


def recent_audit_events(*, limit: int = 50) -> list[AuditEvent]:
    return list(AuditEvent.objects.order_by("-id")[:limit])
