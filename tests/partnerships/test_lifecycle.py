import pytest

from alongside.audit.models import AuditEvent
from alongside.partnerships.models import Partnership, State
from alongside.partnerships.services import (
    TRANSITIONS,
    IllegalTransition,
    partnership_start,
    partnership_transition,
)

ALL_MOVES = [(a, b) for a in State.values for b in State.values]


@pytest.fixture
def partnership(peer, mentor):
    return partnership_start(peer=peer, mentor=mentor, by=mentor)


def test_starting_makes_an_active_partnership_on_the_record(partnership, peer, mentor):
    assert partnership.state == State.ACTIVE and partnership.started_at is not None
    event = AuditEvent.objects.get(action="partnership.start")
    assert event.subject_id == peer.pk and event.actor_id == mentor.pk


@pytest.mark.parametrize(("current", "to"), ALL_MOVES)
def test_only_moves_in_the_table_are_allowed(peer, mentor, current, to):
    partnership = Partnership.objects.create(peer=peer, mentor=mentor, state=current)
    if to in TRANSITIONS[current]:
        assert partnership_transition(partnership=partnership, to=to, by=peer).state == to
    else:
        with pytest.raises(IllegalTransition, match="cannot become"):
            partnership_transition(partnership=partnership, to=to, by=peer)
        partnership.refresh_from_db()
        assert partnership.state == current


def test_an_unknown_state_is_refused_clearly(partnership, peer):
    with pytest.raises(IllegalTransition, match="'dissolved'"):
        partnership_transition(partnership=partnership, to="dissolved", by=peer)


def test_closing_records_the_end(partnership, peer):
    closed = partnership_transition(partnership=partnership, to=State.CLOSED, by=peer)
    assert closed.ended_at is not None
    assert AuditEvent.objects.filter(action="partnership.closed").exists()


def test_the_lifecycle_matches_the_design():
    assert TRANSITIONS[State.REQUESTED] == {State.ACTIVE, State.DECLINED, State.EXPIRED}
    assert State.PAUSED in TRANSITIONS[State.ACTIVE] and State.ACTIVE in TRANSITIONS[State.PAUSED]
    assert all(State.CLOSED in TRANSITIONS[s] for s in (State.ACTIVE, State.PAUSED))
    assert not any(TRANSITIONS[s] for s in (State.CLOSED, State.DECLINED, State.EXPIRED))


def test_a_peer_cannot_hold_two_current_partnerships(partnership, peer, other_mentor):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(peer=peer, mentor=other_mentor, state=State.ACTIVE)
