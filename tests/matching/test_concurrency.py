"""Two peers' requests accepted at the same moment cannot both take a mentor's last place.

Real concurrent transactions need PostgreSQL (row locks); SQLite's immediate transactions
serialise writers, and test_requests.py proves the second acceptance is refused in sequence.
"""

import threading
import time

import pytest
from django.db import connection, connections

from alongside.matching import services
from alongside.matching.models import MentorRequest, RequestStatus
from alongside.matching.services import MatchingError, mentor_request_accept, mentor_request_create
from alongside.partnerships.models import Partnership
from tests.conftest import make_person
from tests.matching.helpers import make_matchable

pytestmark = pytest.mark.django_db(transaction=True)


def _race(calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait(timeout=10)
            call()
            outcomes.append("ok")
        except MatchingError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_two_acceptances_cannot_share_the_last_place(peer, mentor, coordinator, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    make_matchable(mentor, coordinator, caseload_cap=1)
    dana = make_person("dana@example.org", "Dana", "peer")
    first = mentor_request_create(peer=peer, mentor_id=mentor.pk)
    second = mentor_request_create(peer=dana, mentor_id=mentor.pk)
    real_load_of = services.load_of

    def slow_load_of(who):
        # Widen the window between counting and creating, where a missing lock would let
        # both transactions see a free place.
        count = real_load_of(who)
        time.sleep(0.3)
        return count

    monkeypatch.setattr(services, "load_of", slow_load_of)
    outcomes = _race(
        [
            lambda: mentor_request_accept(mentor=mentor, mentor_request=first),
            lambda: mentor_request_accept(mentor=mentor, mentor_request=second),
        ]
    )
    assert outcomes == ["ok", "refused"]
    assert Partnership.objects.filter(mentor=mentor).count() == 1
    statuses = sorted(MentorRequest.objects.values_list("status", flat=True))
    assert statuses == [RequestStatus.ACCEPTED, RequestStatus.PENDING]


def test_two_requests_sent_at_once_leave_one_pending(peer, mentor, other_mentor, coordinator):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent transactions need PostgreSQL")
    make_matchable(mentor, coordinator)
    make_matchable(other_mentor, coordinator)
    outcomes = _race(
        [
            lambda: mentor_request_create(peer=peer, mentor_id=mentor.pk),
            lambda: mentor_request_create(peer=peer, mentor_id=other_mentor.pk),
        ]
    )
    assert outcomes == ["ok", "refused"]
    assert MentorRequest.objects.filter(peer=peer, status=RequestStatus.PENDING).count() == 1
