import pytest

from alongside.accounts.models import Role
from tests.conftest import make_person


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("peer", "/coordinator/"),
        ("peer", "/mentor/"),
        ("peer", "/staff/people/"),
        ("mentor", "/peer/"),
        ("mentor", "/coordinator/"),
        ("stranger", "/peer/"),
        ("stranger", "/coordinator/"),
        ("coordinator", "/staff/people/"),
        ("coordinator", "/peer/"),
    ],
)
def test_people_are_refused_pages_outside_their_roles(request, login, persona, path):
    client = login(request.getfixturevalue(persona))
    response = client.get(path)
    assert response.status_code == 403
    assert b"not available to you" in response.content


@pytest.mark.parametrize(
    ("persona", "path", "text"),
    [
        ("peer", "/peer/", b"This is your space"),
        ("mentor", "/mentor/", b"Your path to mentoring"),
        ("coordinator", "/coordinator/", b"People in the program"),
        ("admin_user", "/staff/people/", b"Change a role"),
    ],
)
def test_each_role_has_a_home(request, login, persona, path, text):
    response = login(request.getfixturevalue(persona)).get(path)
    assert response.status_code == 200
    assert text in response.content


def test_home_sends_people_to_their_role_home(login, mentor):
    assert login(mentor).get("/home/").url == "/mentor/"


def test_someone_with_two_roles_sees_both_in_navigation(login, db):
    both = make_person("dana@example.org", "Dana", Role.PEER, Role.MENTOR)
    content = login(both).get("/peer/").content
    assert b'href="/peer/"' in content and b'href="/mentor/"' in content
    assert b'href="/coordinator/"' not in content


def test_navigation_shows_only_own_roles(login, peer):
    content = login(peer).get("/peer/").content
    assert b'href="/coordinator/"' not in content
    assert b'href="/staff/people/"' not in content


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN])
def test_staff_without_mfa_are_sent_to_set_it_up(login, role):
    person = make_person("nomfa@example.org", "Nomfa", role)
    client = login(person)
    for path in ("/coordinator/", "/staff/people/", "/home/", "/me/profile/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == "/accounts/2fa/totp/activate/"
    # Setting it up stays reachable (allauth first asks for the password again).
    response = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")


def test_coordinator_home_shows_counts_not_content(login, coordinator, peer, mentor):
    content = login(coordinator).get("/coordinator/").content.decode()
    assert "Peers</th><td>1" in content
    assert peer.email not in content
