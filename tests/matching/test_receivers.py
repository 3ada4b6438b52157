"""Matching hears the lower apps' events and tells waiting peers when a place may be free."""

import pytest
from django.db import transaction

from alongside.matching import services
from alongside.partnerships.models import State
from alongside.partnerships.services import partnership_transition
from alongside.training.services import application_decide
from tests.training.helpers import complete_pathway


class _CountingTask:
    def __init__(self):
        self.calls = []

    def enqueue(self):
        self.calls.append(1)


@pytest.fixture
def enqueued(monkeypatch):
    fake = _CountingTask()
    monkeypatch.setattr(services, "notify_waitlist_task", fake)
    return fake.calls


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        ([State.CLOSING], 1),
        ([State.CLOSED], 1),
        ([State.PAUSED], 0),
        ([State.PAUSED, State.ACTIVE], 0),
        ([State.CLOSING, State.CLOSED], 1),  # the place opened once, at closing
    ],
)
def test_a_partnership_leaving_the_caseload_tells_waiting_peers_once(
    partnership, enqueued, django_capture_on_commit_callbacks, moves, expected
):
    enqueued.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for move in moves:
            partnership_transition(partnership=partnership, to=move, by=partnership.peer)
    assert len(enqueued) == expected


def test_a_rolled_back_move_tells_nobody(partnership, enqueued, django_capture_on_commit_callbacks):
    enqueued.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        partnership_transition(partnership=partnership, to=State.CLOSED, by=None)
        raise RuntimeError("the request failed after the move")
    assert enqueued == []


def test_an_approval_alone_tells_waiting_peers(
    mentor, coordinator, enqueued, django_capture_on_commit_callbacks
):
    from alongside.training.services import application_submit

    complete_pathway(mentor)
    application_submit(mentor=mentor)
    with django_capture_on_commit_callbacks(execute=True):
        application_decide(mentor=mentor, by=coordinator, decision="approve", reason="Ready")
    assert enqueued == [1]
