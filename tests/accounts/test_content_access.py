"""Staff see private content only after writing a reason and giving a fresh authenticator
code; the reason is stored encrypted and the reading audited. Role changes need the same."""

import time

import pytest
from django.db import connection
from django.test import Client

from alongside.accounts.models import ContentAccess, Role
from alongside.accounts.services import RoleChangeError, role_grant
from alongside.audit.models import AuditEvent
from alongside.matching.models import MentorRequest, RequestStatus
from alongside.training.services import reflection_save
from tests.conftest import current_totp_code, sign_in
from tests.training.helpers import use_fixture_content

REASON = "Following up a safety concern raised by the peer 4b1d"
STALE = 60 * 60  # an authenticator code given an hour ago


@pytest.fixture(autouse=True)
def training_content(settings, tmp_path):
    return use_fixture_content(settings, tmp_path)


@pytest.fixture
def declined(peer, mentor):
    return MentorRequest.objects.create(
        peer=peer, mentor=mentor, status=RequestStatus.DECLINED, decline_reason="decline-marker"
    )


@pytest.fixture
def reflection(mentor):
    answers = {"hope": "reflection-marker", "self-care": "A walk.", "sharing": "Briefly."}
    return reflection_save(mentor=mentor, answers=answers, submit=True)


def _staff(user, *, code_age: float = 0) -> Client:
    return sign_in(Client(), user, code_given_at=time.time() - code_age)


def _pages(declined, mentor):
    """(detail page, opening endpoint, private text, audit action) for each kind of content."""
    requests, applicants = "/coordinator/requests", "/coordinator/applicants"
    return [
        (f"{requests}/{declined.pk}/", f"{requests}/{declined.pk}/reason/",
         "decline-marker", "mentor_request.view_decline_reason"),
        (f"{applicants}/{mentor.pk}/", f"{applicants}/{mentor.pk}/reflection/",
         "reflection-marker", "reflection.view"),
    ]  # fmt: skip


@pytest.mark.parametrize("which", [0, 1], ids=["decline reason", "reflection"])
def test_the_detail_page_shows_no_private_content_and_audits_nothing(
    which, coordinator, declined, mentor, reflection
):
    detail, _, marker, action = _pages(declined, mentor)[which]
    page = _staff(coordinator).get(detail)
    assert page.status_code == 200
    assert marker not in page.content.decode()
    assert "Why do you need to read this?" in page.content.decode()
    assert not AuditEvent.objects.filter(action=action).exists()


@pytest.mark.parametrize("which", [0, 1], ids=["decline reason", "reflection"])
@pytest.mark.parametrize("reason", ["", "   ", "because"])
def test_private_content_needs_a_written_reason(
    which, reason, coordinator, declined, mentor, reflection
):
    _, opening, marker, action = _pages(declined, mentor)[which]
    response = _staff(coordinator).post(opening, {"reason": reason})
    assert response.status_code == 400
    assert marker not in response.content.decode()
    assert "Please write why you need to read this" in response.content.decode()
    assert not ContentAccess.objects.exists()
    assert not AuditEvent.objects.filter(action=action).exists()


@pytest.mark.parametrize("which", [0, 1], ids=["decline reason", "reflection"])
def test_private_content_needs_a_fresh_code_then_opens_with_the_reason_kept(
    which, coordinator, declined, mentor, reflection
):
    _, opening, marker, action = _pages(declined, mentor)[which]
    client = _staff(coordinator, code_age=STALE)
    response = client.post(opening, {"reason": REASON})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/2fa/reauthenticate/?next=")
    assert not ContentAccess.objects.exists()
    # The code, then allauth replays the suspended request with the reason it carried.
    opened = client.post(response.url, {"code": current_totp_code()})
    assert marker in opened.content.decode()
    access = ContentAccess.objects.get()
    assert (access.staff, access.reason) == (coordinator, REASON)
    event = AuditEvent.objects.get(action=action)
    # The log says a reason was given and where it is; even that pointer is kept encrypted.
    assert event.actor_id == coordinator.pk and event.reason.startswith("encrypted:")
    assert event.reason_note.text == f"content_access:{access.pk}"


def test_a_password_alone_is_not_a_fresh_two_step_check(coordinator, declined):
    client = _staff(coordinator, code_age=STALE)
    client.post(f"/coordinator/requests/{declined.pk}/reason/", {"reason": REASON})
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()
    response = client.post(f"/coordinator/requests/{declined.pk}/reason/", {"reason": REASON})
    assert response.url.startswith("/accounts/2fa/reauthenticate/")
    assert not ContentAccess.objects.exists()


def test_the_reason_is_encrypted_at_rest_and_never_in_the_audit_log(coordinator, declined):
    _staff(coordinator).post(f"/coordinator/requests/{declined.pk}/reason/", {"reason": REASON})
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason FROM accounts_contentaccess")
        raw = cursor.fetchone()[0]
    assert "4b1d" not in raw
    assert not AuditEvent.objects.filter(reason__contains="4b1d").exists()


@pytest.mark.parametrize("persona", ["peer", "mentor", "other_mentor", "stranger", "admin_user"])
def test_people_without_the_coordinator_role_are_refused(
    request, persona, declined, mentor, reflection
):
    user = request.getfixturevalue(persona)
    client = sign_in(Client(), user)
    for _, opening, marker, _ in _pages(declined, mentor):
        response = client.post(opening, {"reason": REASON})
        assert response.status_code == 403
        assert marker not in response.content.decode()
    assert not ContentAccess.objects.exists()


def test_opening_needs_a_post(coordinator, declined, mentor, reflection):
    client = _staff(coordinator)
    for _, opening, _, _ in _pages(declined, mentor):
        assert client.get(opening).status_code == 405


# --- Role changes --------------------------------------------------------------------------


def _change(client, person, *, reason, action="grant", role="coordinator"):
    return client.post(
        "/staff/people/", {"email": person.email, "role": role, "action": action, "reason": reason}
    )


def test_a_role_is_not_given_without_a_reason(admin_user, mentor):
    response = _change(_staff(admin_user), mentor, reason=" ")
    assert b"Please give a reason for this change" in response.content
    mentor.forget_cached_roles()
    assert not mentor.has_role(Role.COORDINATOR)


def test_an_admin_cannot_give_themselves_a_role_without_a_reason(admin_user):
    response = _change(_staff(admin_user), admin_user, reason="")
    assert b"Please give a reason for this change" in response.content
    admin_user.forget_cached_roles()
    assert not admin_user.has_role(Role.COORDINATOR)


def test_the_service_refuses_a_role_given_by_someone_without_a_reason(admin_user, mentor):
    with pytest.raises(RoleChangeError, match="reason is required"):
        role_grant(user=mentor, role=Role.COORDINATOR, by=admin_user, reason="  ")


def test_a_role_change_needs_a_fresh_code(admin_user, mentor):
    client = _staff(admin_user, code_age=STALE)
    assert client.get("/staff/people/").status_code == 200  # looking needs no new code
    response = _change(client, mentor, reason="Appointed by the board on 3 March")
    assert response.url.startswith("/accounts/2fa/reauthenticate/?next=")
    mentor.forget_cached_roles()
    assert not mentor.has_role(Role.COORDINATOR)
    client.post(response.url, {"code": current_totp_code()})
    mentor.forget_cached_roles()
    assert mentor.has_role(Role.COORDINATOR)
    assert AuditEvent.objects.filter(action="role.grant", subject_id=mentor.pk).exists()
