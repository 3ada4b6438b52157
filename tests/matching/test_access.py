"""Every matching route refuses the personas who must be refused."""

import pytest

from alongside.matching.services import mentor_request_create
from tests.conftest import make_person
from tests.matching.helpers import make_matchable

PEER_ROUTES = [
    ("get", "/peer/intake/"),
    ("post", "/peer/intake/hopes/"),
    ("get", "/peer/intake/review/"),
    ("get", "/peer/mentors/"),
    ("get", "/peer/mentors/{mentor}/"),
    ("post", "/peer/mentors/{mentor}/request/"),
    ("post", "/peer/requests/{request}/withdraw/"),
    ("post", "/peer/waitlist/"),
]
MENTOR_ROUTES = [
    ("get", "/mentor/requests/"),
    ("post", "/mentor/requests/{request}/accept/"),
    ("post", "/mentor/requests/{request}/decline/"),
]
COORDINATOR_ROUTES = [
    ("get", "/coordinator/requests/"),
    ("get", "/coordinator/requests/{request}/"),
]


@pytest.fixture
def pending(peer, mentor, coordinator):
    make_matchable(mentor, coordinator)
    return mentor_request_create(peer=peer, mentor_id=mentor.pk, note="note-marker")


def _call(client, method, path, pending):
    url = path.format(mentor=pending.mentor_id, request=pending.pk)
    return getattr(client, method)(url, {"reason": "r"} if method == "post" else None)


@pytest.mark.parametrize(("method", "path"), PEER_ROUTES + MENTOR_ROUTES + COORDINATOR_ROUTES)
def test_anonymous_visitors_are_sent_to_sign_in(client, pending, method, path):
    response = _call(client, method, path, pending)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


@pytest.mark.parametrize("persona", ["mentor", "other_mentor", "stranger", "coordinator"])
@pytest.mark.parametrize(("method", "path"), PEER_ROUTES)
def test_people_without_the_peer_role_are_refused(request, login, pending, persona, method, path):
    response = _call(login(request.getfixturevalue(persona)), method, path, pending)
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["peer", "stranger", "coordinator"])
@pytest.mark.parametrize(("method", "path"), MENTOR_ROUTES)
def test_people_without_the_mentor_role_are_refused(request, login, pending, persona, method, path):
    response = _call(login(request.getfixturevalue(persona)), method, path, pending)
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["peer", "stranger", "mentor", "other_mentor"])
@pytest.mark.parametrize(("method", "path"), COORDINATOR_ROUTES)
def test_people_without_the_coordinator_role_are_refused(
    request, login, pending, persona, method, path
):
    response = _call(login(request.getfixturevalue(persona)), method, path, pending)
    assert response.status_code == 403


def test_another_peer_cannot_withdraw_or_see_alices_request(login, pending):
    dana = make_person("dana@example.org", "Dana", "peer")
    client = login(dana)
    assert client.post(f"/peer/requests/{pending.pk}/withdraw/").status_code == 404
    assert "note-marker" not in client.get("/peer/").content.decode()


@pytest.mark.parametrize("action", ["accept", "decline"])
def test_another_mentor_cannot_answer_or_read_the_request(login, pending, other_mentor, action):
    client = login(other_mentor)
    response = client.post(f"/mentor/requests/{pending.pk}/{action}/", {"reason": "r"})
    assert response.status_code == 404
    assert "note-marker" not in client.get("/mentor/requests/").content.decode()


def test_an_unknown_request_is_not_found_for_coordinators(login, coordinator, db):
    assert login(coordinator).get("/coordinator/requests/999999/").status_code == 404


def test_coordinators_see_request_metadata_but_never_the_note(login, pending, coordinator):
    client = login(coordinator)
    assert "note-marker" not in client.get("/coordinator/requests/").content.decode()
    assert "note-marker" not in client.get(f"/coordinator/requests/{pending.pk}/").content.decode()
