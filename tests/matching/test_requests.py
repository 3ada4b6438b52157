from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alongside.audit.models import AuditEvent
from alongside.matching.models import MentorRequest, RequestStatus
from alongside.matching.services import (
    MatchingError,
    mentor_request_accept,
    mentor_request_create,
    mentor_request_decline,
    requests_expire,
)
from alongside.partnerships.models import Partnership, State
from alongside.training.services import application_decide
from tests.conftest import make_person, sign_in
from tests.matching.helpers import complete_profile, make_matchable


@pytest.fixture
def bob(mentor, coordinator):
    make_matchable(mentor, coordinator)
    return mentor


@pytest.fixture
def bob_client(bob):
    client = Client()
    client.force_login(bob)
    return client


def _ask(client, mentor, note="Hello"):
    return client.post(f"/peer/mentors/{mentor.pk}/request/", {"note": note})


def test_a_peer_asks_one_mentor_at_a_time(login, peer, bob, other_mentor, coordinator):
    make_matchable(other_mentor, coordinator)
    client = login(peer)
    assert _ask(client, bob).url == "/peer/"
    response = _ask(client, other_mentor)
    assert response.url == f"/peer/mentors/{other_mentor.pk}/"
    page = client.get(response.url).content.decode()
    assert "You already have a request waiting" in page
    assert MentorRequest.objects.get().mentor == bob


def test_the_same_request_sent_twice_is_refused(login, peer, bob):
    client = login(peer)
    _ask(client, bob)
    _ask(client, bob)
    assert MentorRequest.objects.count() == 1


def test_the_note_is_encrypted_and_the_request_audited(login, peer, bob):
    from django.db import connection

    _ask(login(peer), bob, note="note-marker")
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM matching_mentorrequest")
        assert "note-marker" not in cursor.fetchone()[0]
    assert AuditEvent.objects.filter(action="mentor_request.create", subject_id=peer.pk).exists()


@pytest.mark.parametrize("who", ["unknown", "unapproved", "suspended", "paused", "peer_self"])
def test_a_forged_mentor_id_is_refused(login, peer, bob, coordinator, who):
    target = {"unknown": 999999, "peer_self": peer.pk}.get(who, bob.pk)
    if who == "unapproved":
        target = make_person("u@example.org", "Una", "mentor").pk
    if who == "suspended":
        application_decide(mentor=bob, by=coordinator, decision="suspend", reason="Pause")
    if who == "paused":
        complete_profile(bob, is_paused=True)
    assert login(peer).post(f"/peer/mentors/{target}/request/").status_code == 404
    with pytest.raises(MatchingError):
        mentor_request_create(peer=peer, mentor_id=target)
    assert not MentorRequest.objects.exists()


def test_a_peer_withdraws_and_can_choose_again(login, peer, bob, bob_client):
    client = login(peer)
    _ask(client, bob)
    request = MentorRequest.objects.get()
    assert client.post(f"/peer/requests/{request.pk}/withdraw/").url == "/peer/"
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert bob_client.post(f"/mentor/requests/{request.pk}/accept/").status_code == 404
    assert _ask(client, bob).url == "/peer/"


def test_a_decline_is_told_kindly_and_the_reason_stays_with_coordinators(
    login, peer, bob, bob_client, coordinator
):
    client = login(peer)
    _ask(client, bob)
    request = MentorRequest.objects.get()
    response = bob_client.post(
        f"/mentor/requests/{request.pk}/decline/", {"reason": "reason-marker"}
    )
    assert response.url == "/mentor/requests/"
    home = client.get("/peer/").content.decode()
    assert "not able to start a partnership right now" in home
    assert "reason-marker" not in home
    assert "reason-marker" not in client.get("/peer/mentors/").content.decode()
    assert not AuditEvent.objects.filter(reason__contains="reason-marker").exists()
    # The mentor loses sight of the request and the peer's intake.
    assert "Alice" not in bob_client.get("/mentor/requests/").content.decode()
    assert bob_client.post(f"/mentor/requests/{request.pk}/accept/").status_code == 404

    staff = Client()
    sign_in(staff, coordinator)
    assert "Declined" in staff.get("/coordinator/requests/").content.decode()
    assert "reason-marker" not in staff.get("/coordinator/requests/").content.decode()
    detail = staff.get(f"/coordinator/requests/{request.pk}/").content.decode()
    assert "reason-marker" not in detail and "Read the reason" in detail
    opened = staff.post(
        f"/coordinator/requests/{request.pk}/reason/", {"reason": "Checking on a complaint"}
    )
    assert "reason-marker" in opened.content.decode()
    event = AuditEvent.objects.get(action="mentor_request.view_decline_reason")
    assert (event.actor_id, event.subject_id) == (coordinator.pk, peer.pk)
    assert _ask(client, bob).url == "/peer/"  # free to choose again


def test_declining_needs_a_reason_and_changes_nothing_without_one(login, peer, bob, bob_client):
    _ask(login(peer), bob)
    request = MentorRequest.objects.get()
    response = bob_client.post(f"/mentor/requests/{request.pk}/decline/", {"reason": " "})
    assert response.status_code == 400
    assert "Please give coordinators a reason" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_old_requests_expire_with_the_same_words_for_the_peer(
    login, peer, bob, bob_client, settings
):
    settings.MENTOR_REQUEST_EXPIRY_DAYS = 5
    client = login(peer)
    _ask(client, bob)
    request = MentorRequest.objects.get()
    assert requests_expire() == 0
    MentorRequest.objects.filter(pk=request.pk).update(
        created_at=timezone.now() - timedelta(days=5, minutes=1)
    )
    # Overdue but not yet marked: the mentor can no longer open or accept it.
    assert "Alice" not in bob_client.get("/mentor/requests/").content.decode()
    assert bob_client.post(f"/mentor/requests/{request.pk}/accept/").status_code == 404
    call_command("expire_requests", verbosity=0)
    request.refresh_from_db()
    assert request.status == RequestStatus.EXPIRED and request.decided_at
    assert "not able to start a partnership right now" in client.get("/peer/").content.decode()
    assert AuditEvent.objects.filter(action="mentor_request.expire").count() == 1
    assert requests_expire() == 0


def test_accepting_creates_an_active_partnership(login, peer, bob, bob_client):
    _ask(login(peer), bob)
    request = MentorRequest.objects.get()
    bob_client.post(f"/mentor/requests/{request.pk}/accept/")
    partnership = Partnership.objects.get()
    assert (partnership.peer, partnership.mentor, partnership.state) == (peer, bob, State.ACTIVE)
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED and request.partnership == partnership
    assert AuditEvent.objects.filter(action="mentor_request.accept").exists()


def test_a_peer_in_a_partnership_cannot_ask_again(login, peer, bob, other_mentor, coordinator):
    make_matchable(other_mentor, coordinator)
    client = login(peer)
    _ask(client, bob)
    mentor_request_accept(mentor=bob, mentor_request=MentorRequest.objects.get())
    with pytest.raises(MatchingError, match="already have a partnership"):
        mentor_request_create(peer=peer, mentor_id=other_mentor.pk)


def test_the_last_place_goes_to_the_first_acceptance(peer, bob):
    complete_profile(bob, caseload_cap=1)
    dana = make_person("dana@example.org", "Dana", "peer")
    first = mentor_request_create(peer=peer, mentor_id=bob.pk)
    second = mentor_request_create(peer=dana, mentor_id=bob.pk)
    mentor_request_accept(mentor=bob, mentor_request=first)
    with pytest.raises(MatchingError, match="no free place"):
        mentor_request_accept(mentor=bob, mentor_request=second)
    assert Partnership.objects.count() == 1
    second.refresh_from_db()
    assert second.status == RequestStatus.PENDING


def test_a_mentor_cannot_answer_someone_elses_request(peer, bob, other_mentor, coordinator):
    make_matchable(other_mentor, coordinator)
    request = mentor_request_create(peer=peer, mentor_id=bob.pk)
    with pytest.raises(MatchingError):
        mentor_request_accept(mentor=other_mentor, mentor_request=request)
    with pytest.raises(MatchingError):
        mentor_request_decline(mentor=other_mentor, mentor_request=request, reason="x")


def test_a_mentor_who_declined_is_not_suggested_to_that_peer_again(
    peer, bob, other_mentor, coordinator
):
    from alongside.matching.selectors import suggestions_for

    make_matchable(other_mentor, coordinator)
    request = mentor_request_create(peer=peer, mentor_id=bob.pk)
    mentor_request_decline(mentor=bob, mentor_request=request, reason="My caseload is full")
    suggested = {s.mentor_id for s in suggestions_for(peer)}
    assert bob.pk not in suggested
    assert other_mentor.pk in suggested
    someone_else = make_person("zoe@example.org", "Zoe", "peer")
    assert bob.pk in {s.mentor_id for s in suggestions_for(someone_else)}
