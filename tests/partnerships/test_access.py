"""The partnership page: its peer and mentor see it, coordinators see metadata, others 404."""

import pytest

from alongside.audit.models import AuditEvent
from alongside.intake.services import intake_save


@pytest.fixture
def partnership(partnership, peer):
    intake_save(peer=peer, data={"hopes": "hope-marker", "shared_items": ["hopes"]})
    return partnership


@pytest.mark.parametrize("persona", ["peer", "mentor"])
def test_the_peer_and_the_mentor_see_what_the_peer_shared(request, login, partnership, persona):
    page = login(request.getfixturevalue(persona)).get(f"/partnerships/{partnership.pk}/")
    assert page.status_code == 200
    assert "hope-marker" in page.content.decode()
    assert "What comes next" in page.content.decode()


def test_a_coordinator_sees_state_and_dates_only(login, partnership, coordinator):
    page = login(coordinator).get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Active" in page and "Alice" in page
    assert "hope-marker" not in page
    assert not AuditEvent.objects.filter(action__contains="view").exists()


@pytest.mark.parametrize("persona", ["other_mentor", "stranger", "admin_user", "another_peer"])
def test_everyone_else_gets_not_found(request, login, partnership, persona):
    user = request.getfixturevalue(persona)
    assert login(user).get(f"/partnerships/{partnership.pk}/").status_code == 404


def test_an_unknown_partnership_is_not_found(login, peer):
    assert login(peer).get("/partnerships/999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, partnership):
    response = client.get(f"/partnerships/{partnership.pk}/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
