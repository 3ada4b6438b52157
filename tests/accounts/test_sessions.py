"""Session limits, ending a person's sessions, and the list of sessions on the profile."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from freezegun import freeze_time

from alongside.accounts.services import role_revoke
from alongside.audit.models import AuditEvent
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _signed_in(email) -> Client:
    """A separate browser signed in through the real sign-in form (so the session is listed)."""
    client = Client(HTTP_USER_AGENT="Test browser")
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def _is_signed_in(client) -> bool:
    return client.get("/me/profile/").status_code == 200


def test_a_session_ends_after_thirty_idle_minutes(peer):
    with freeze_time("2026-03-02 09:00:00") as clock:
        client = _signed_in(peer.email)
        clock.tick(29 * 60)
        assert _is_signed_in(client)
        clock.tick(31 * 60)
        response = client.get("/me/profile/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=")
    assert b"after 30 minutes without activity" in response.content


def test_a_session_ends_twelve_hours_after_sign_in_however_active(peer):
    with freeze_time("2026-03-02 09:00:00") as clock:
        client = _signed_in(peer.email)
        for _ in range(35):  # a request every 20 minutes for 11 h 40 min
            clock.tick(20 * 60)
            assert _is_signed_in(client)
        clock.tick(21 * 60)
        response = client.get("/me/profile/", follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/?next=")
    assert b"signed in for 12 hours" in response.content


def test_the_limits_are_read_from_the_environment(settings, peer):
    settings.SESSION_IDLE_MINUTES = 5
    with freeze_time("2026-03-02 09:00:00") as clock:
        client = _signed_in(peer.email)
        clock.tick(6 * 60)
        assert not _is_signed_in(client)
    code = "import alongside.settings as s; print(s.SESSION_IDLE_MINUTES, s.SESSION_MAX_HOURS)"
    env = {**os.environ, "DEBUG": "1", "SESSION_IDLE_MINUTES": "15", "SESSION_MAX_HOURS": "8"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.stdout.split() == ["15", "8"], result.stderr
    env["SESSION_IDLE_MINUTES"] = "0"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert "SESSION_IDLE_MINUTES must be at least 1" in result.stderr


def test_changing_the_password_ends_the_other_sessions_only(peer):
    here, elsewhere = _signed_in(peer.email), _signed_in(peer.email)
    new = "a brand new long passphrase"
    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert _is_signed_in(here)
    assert not _is_signed_in(elsewhere)


def test_removing_a_role_ends_that_persons_sessions(
    mentor, admin_user, django_capture_on_commit_callbacks
):
    elsewhere = _signed_in(mentor.email)
    with django_capture_on_commit_callbacks(execute=True):
        role_revoke(user=mentor, role="mentor", by=admin_user, reason="left the program")
    assert not _is_signed_in(elsewhere)


def test_deactivating_an_account_ends_its_sessions(peer):
    elsewhere = _signed_in(peer.email)
    peer.is_active = False
    peer.save()
    assert elsewhere.get("/me/profile/").status_code == 302


def test_sign_out_everywhere_ends_every_session_and_is_audited(peer):
    here, elsewhere = _signed_in(peer.email), _signed_in(peer.email)
    response = here.post("/me/sessions/sign-out-everywhere/")
    assert response.url == "/accounts/login/"
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert not _is_signed_in(here)
    assert not _is_signed_in(elsewhere)
    event = AuditEvent.objects.get(action="auth.sign_out_everywhere")
    assert (event.actor_id, event.target_id) == (peer.pk, "2")


def test_sign_out_everywhere_needs_a_post(login, peer):
    assert login(peer).get("/me/sessions/sign-out-everywhere/").status_code == 405


def test_the_profile_lists_where_the_person_is_signed_in(peer):
    here = _signed_in(peer.email)
    _signed_in(peer.email)
    page = here.get("/me/profile/").content.decode()
    assert page.count("Test browser") == 2
    assert page.count("this device") == 1
    assert "Sign out everywhere" in page
    assert "30 minutes without activity" in page


@pytest.mark.parametrize("path", ["/accounts/sessions/", "/me/profile/"])
def test_another_persons_sessions_are_never_listed(path, peer, mentor):
    _signed_in(mentor.email)
    page = _signed_in(peer.email).get(path)
    assert page.status_code == 200
    assert page.content.decode().count("Test browser") == 1
