"""Changes to partnerships: creation on acceptance, the lifecycle's guarded transitions, and
the moves people make (stepping back, resuming), each checked against who may make it."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.partnerships.models import (
    PAUSE_NOTE_MAX,
    Notice,
    NoticeKind,
    Partnership,
    Side,
    State,
)
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


def side_of(partnership: Partnership, person: User) -> str:
    """Whether this person is the partnership's peer or its mentor; anyone else is refused."""
    if person.pk == partnership.peer_id:
        return Side.PEER
    if person.pk == partnership.mentor_id:
        return Side.MENTOR
    raise IllegalTransition("Only the two people in a partnership can change it.")


def notice_send(*, partnership: Partnership, person: User, kind: str) -> Notice:
    """Tell one of the two people, on their partnership page, that something changed."""
    return Notice.objects.create(partnership=partnership, person=person, kind=kind)


def notices_mark_seen(*, partnership: Partnership, person: User) -> int:
    return Notice.objects.filter(
        partnership=partnership, person=person, seen_at__isnull=True
    ).update(seen_at=timezone.now())


def partnership_pause(*, partnership: Partnership, by: User, note: str = "") -> Partnership:
    """Pause the partnership. A peer's step back asks no reason and keeps no words; a mentor
    may leave a private note for the coordinators. The other person is told kindly."""
    side = side_of(partnership, by)
    note = (note or "").strip() if side == Side.MENTOR else ""
    if len(note) > PAUSE_NOTE_MAX:
        raise IllegalTransition(
            f"The note is {len(note):,} characters; the limit is {PAUSE_NOTE_MAX:,}. "
            "Nothing was changed."
        )
    with transaction.atomic():
        paused = partnership_transition(partnership=partnership, to=State.PAUSED, by=by)
        paused.paused_by, paused.paused_at, paused.pause_note = side, paused.updated_at, note
        paused.save(update_fields=["paused_by", "paused_at", "pause_note"])
        if side == Side.PEER:
            notice_send(partnership=paused, person=paused.mentor, kind=NoticeKind.STEPPED_BACK)
        else:
            notice_send(partnership=paused, person=paused.peer, kind=NoticeKind.MENTOR_PAUSED)
    return paused


def partnership_resume(*, partnership: Partnership, by: User) -> Partnership:
    """Resume a paused partnership. Only the peer lifts their own step back; either person
    may lift a mentor's pause."""
    side = side_of(partnership, by)
    with transaction.atomic():
        locked = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if locked.state != State.PAUSED:
            raise IllegalTransition("This partnership is not paused: there is nothing to resume.")
        if locked.paused_by == Side.PEER and side != Side.PEER:
            raise IllegalTransition(
                f"{locked.peer.display_name} stepped back, so only they can resume. "
                "You will see it here when they do."
            )
        resumed = partnership_transition(partnership=locked, to=State.ACTIVE, by=by)
        resumed.paused_by, resumed.paused_at = "", None
        resumed.save(update_fields=["paused_by", "paused_at"])
        other = resumed.mentor if side == Side.PEER else resumed.peer
        notice_send(partnership=resumed, person=other, kind=NoticeKind.RESUMED)
    return resumed
