"""Changes to partnerships: creation on acceptance and the lifecycle's guarded transitions."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.partnerships.models import Partnership, State
from alongside.partnerships.signals import partnership_state_changed

# Every legal move; anything else is refused (docs/matching.md, DESIGN's lifecycle).
TRANSITIONS: dict[str, frozenset[str]] = {
    State.REQUESTED: frozenset({State.ACTIVE, State.DECLINED, State.EXPIRED}),
    State.ACTIVE: frozenset({State.PAUSED, State.CLOSING, State.CLOSED}),
    State.PAUSED: frozenset({State.ACTIVE, State.CLOSING, State.CLOSED}),
    State.CLOSING: frozenset({State.CLOSED}),
    State.CLOSED: frozenset(),
    State.DECLINED: frozenset(),
    State.EXPIRED: frozenset(),
}
_ENDED = frozenset({State.CLOSED, State.DECLINED, State.EXPIRED})
_ACTIONS = {
    State.ACTIVE: Action.PARTNERSHIP_ACTIVE,
    State.PAUSED: Action.PARTNERSHIP_PAUSED,
    State.CLOSING: Action.PARTNERSHIP_CLOSING,
    State.CLOSED: Action.PARTNERSHIP_CLOSED,
    State.DECLINED: Action.PARTNERSHIP_DECLINED,
    State.EXPIRED: Action.PARTNERSHIP_EXPIRED,
}


class IllegalTransition(ValueError):
    """A lifecycle move the table does not allow, with a message fit to show."""


def can_transition(current: str, to: str) -> bool:
    return to in TRANSITIONS.get(current, frozenset())


def partnership_start(*, peer: User, mentor: User, by: User) -> Partnership:
    """An active partnership, created when the mentor accepts the peer's request.

    Callers hold the mentor's profile lock and have re-checked capacity; the database's
    one-current-partnership-per-peer constraint is the last guard.
    """
    now = timezone.now()
    with transaction.atomic():
        partnership = Partnership.objects.create(
            peer=peer, mentor=mentor, state=State.ACTIVE, created_at=now, started_at=now
        )
        audit_record(
            action=Action.PARTNERSHIP_START,
            actor=by,
            target_type="partnership",
            target_id=partnership.pk,
            subject=peer,
        )
    return partnership


def partnership_transition(
    *, partnership: Partnership, to: str, by: User | None, reason: str = ""
) -> Partnership:
    """Move a partnership along its lifecycle, refusing any move the table does not allow."""
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if not can_transition(locked.state, to):
            raise IllegalTransition(
                f"A partnership that is {State(locked.state).label.lower()} cannot become "
                f"{State(to).label.lower() if to in State.values else repr(to)}."
            )
        from_state, locked.state = locked.state, to
        locked.updated_at = timezone.now()
        if to == State.ACTIVE and locked.started_at is None:
            locked.started_at = locked.updated_at
        if to in _ENDED:
            locked.ended_at = locked.updated_at
        locked.save(update_fields=["state", "updated_at", "started_at", "ended_at"])
        audit_record(
            action=_ACTIONS[to],
            actor=by,
            target_type="partnership",
            target_id=locked.pk,
            subject=locked.peer,
            reason=reason,
        )
        partnership_state_changed.send(
            sender=Partnership, partnership=locked, from_state=from_state, to_state=to
        )
    return locked
