"""The partnership page: its peer and mentor see it, coordinators see metadata, others 404."""

import pytest

from alongside.audit.models import AuditEvent
from alongside.matching.services import intake_save
from alongside.partnerships.services import partnership_start
from tests.conftest import make_person


@pytest.fixture
def partnership(peer, mentor):
    intake_save(peer=peer, data={"hopes": "hope-marker", "shared_items": ["hopes"]})
    return partnership_start(peer=peer, mentor=mentor, by=mentor)


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


@pytest.mark.parametrize("persona", ["other_mentor", "stranger", "admin_user", "other_peer"])
def test_everyone_else_gets_not_found(request, login, partnership, persona):
    if persona == "other_peer":
        user = make_person("dana@example.org", "Dana", "peer")
    else:
        user = request.getfixturevalue(persona)
    if persona == "stranger":  # asked for consent first, then refused like everyone else
        from alongside.accounts.consent import current_statement
        from alongside.accounts.services import consent_accept

        consent_accept(user=user, version=current_statement().version)
    assert login(user).get(f"/partnerships/{partnership.pk}/").status_code == 404


def test_an_unknown_partnership_is_not_found(login, peer):
    assert login(peer).get("/partnerships/999999/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, partnership):
    response = client.get(f"/partnerships/{partnership.pk}/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_page_asks_for_the_current_privacy_statement_first(login, partnership, peer):
    from alongside.accounts.models import ConsentRecord

    ConsentRecord.objects.filter(user=peer).delete()  # as when a new statement version lands
    page = login(peer).get(f"/partnerships/{partnership.pk}/")
    assert page.status_code == 302
    assert page.url.startswith("/me/consent/?next=")
    # The same answer for an id that does not exist: the redirect reveals nothing.
    assert login(peer).get("/partnerships/999999/").url.startswith("/me/consent/?next=")
