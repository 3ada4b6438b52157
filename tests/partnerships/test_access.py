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


@pytest.mark.parametrize("ended", ["closing", "closed"])
def test_an_ended_partnership_shows_the_mentor_no_live_intake(
    login, partnership, peer, mentor, ended
):
    from alongside.partnerships.services import partnership_transition

    partnership_transition(partnership=partnership, to=ended, by=peer)
    intake_save(peer=peer, data={"hopes": "shared-after-the-end", "shared_items": ["hopes"]})
    page = login(mentor).get(f"/partnerships/{partnership.pk}/")
    assert page.status_code == 200
    assert "shared-after-the-end" not in page.content.decode()
    assert "hope-marker" not in page.content.decode()
    peer_page = login(peer).get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "shared-after-the-end" in peer_page  # the peer always sees their own answers


def test_a_paused_partnership_still_shows_the_mentor_what_the_peer_shares(
    login, partnership, peer, mentor
):
    from alongside.partnerships.services import partnership_transition

    partnership_transition(partnership=partnership, to="paused", by=peer)
    assert "hope-marker" in login(mentor).get(f"/partnerships/{partnership.pk}/").content.decode()


def test_a_mentor_whose_role_was_revoked_sees_nothing(login, partnership, mentor, admin_user):
    from alongside.accounts.services import role_revoke

    role_revoke(user=mentor, role="mentor", by=admin_user, reason="Conduct review")
    assert login(mentor).get(f"/partnerships/{partnership.pk}/").status_code == 404


def test_the_page_asks_for_the_current_privacy_statement_first(login, partnership, peer):
    from alongside.accounts.models import ConsentRecord

    ConsentRecord.objects.filter(user=peer).delete()  # as when a new statement version lands
    page = login(peer).get(f"/partnerships/{partnership.pk}/")
    assert page.status_code == 302
    assert page.url.startswith("/me/consent/?next=")
    # The same answer for an id that does not exist: the redirect reveals nothing.
    assert login(peer).get("/partnerships/999999/").url.startswith("/me/consent/?next=")
