import pytest

from alongside.audit.models import AuditEvent, Outcome
from tests.conftest import PASSWORD


def test_sign_in_and_out_are_audited(client, peer):
    client.post("/accounts/login/", {"login": peer.email, "password": PASSWORD})
    client.post("/accounts/logout/")
    actions = list(AuditEvent.objects.filter(actor_id=peer.pk).values_list("action", flat=True))
    assert actions[-2:] == ["auth.login", "auth.logout"]


def test_a_failed_sign_in_is_audited_without_the_email(client, peer):
    client.post("/accounts/login/", {"login": peer.email, "password": "wrong password"})
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.outcome == Outcome.DENIED
    assert peer.email not in str(event.canonical())


def test_repeated_failed_sign_ins_are_rate_limited(client, peer):
    for _ in range(5):
        client.post("/accounts/login/", {"login": peer.email, "password": "wrong password"})
    response = client.post("/accounts/login/", {"login": peer.email, "password": PASSWORD})
    assert response.status_code == 200
    assert b"Too many failed login attempts" in response.content
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path",
    [
        "/home/",
        "/peer/",
        "/mentor/",
        "/coordinator/",
        "/staff/people/",
        "/me/profile/",
        "/me/consent/",
        "/me/sessions/sign-out-everywhere/",
        "/accounts/sessions/",
        "/coordinator/requests/1/reason/",
        "/coordinator/applicants/1/reflection/",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_a_throttled_sign_in_is_audited_without_the_email_or_password(client, peer):
    for _ in range(6):
        client.post("/accounts/login/", {"login": peer.email, "password": "wrong password"})
    events = AuditEvent.objects.filter(action="auth.login_throttled")
    assert events.count() == 1
    assert events.get().outcome == Outcome.DENIED
    assert peer.email not in str(events.get().canonical())
    assert "wrong password" not in str(events.get().canonical())


def test_a_rate_limited_page_is_audited_and_answers_kindly(client, peer, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client.post("/accounts/login/", {"login": "x@example.org", "password": "nope"})
    response = client.post("/accounts/login/", {"login": peer.email, "password": PASSWORD})
    assert response.status_code == 429
    assert b"nothing is locked for long" in response.content
    event = AuditEvent.objects.get(action="auth.rate_limited")
    assert (event.outcome, event.target_id) == (Outcome.DENIED, "account_login")


def test_a_person_who_mistyped_can_sign_in_again_within_five_minutes(client, peer):
    from freezegun import freeze_time

    with freeze_time("2026-03-02 10:00:00") as clock:
        for _ in range(8):  # keeps trying while refused: refused tries do not extend the wait
            client.post("/accounts/login/", {"login": peer.email, "password": "wrong password"})
            clock.tick(10)
        refused = client.post("/accounts/login/", {"login": peer.email, "password": PASSWORD})
        assert b"Too many failed login attempts" in refused.content
        clock.move_to("2026-03-02 10:05:01")
        response = client.post("/accounts/login/", {"login": peer.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(peer.pk)


def test_rate_limits_count_the_real_client_address_behind_a_proxy(client, db, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(10):  # ten different accounts from one address: the per-address limit
        client.post(
            "/accounts/login/",
            {"login": f"someone{n}@example.org", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    same = client.post(
        "/accounts/login/", {"login": "next@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )  # fmt: skip
    other = client.post(
        "/accounts/login/", {"login": "next@example.org", "password": "wrong"},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )  # fmt: skip
    assert b"Too many failed login attempts" in same.content
    assert b"Too many failed login attempts" not in other.content


@pytest.mark.parametrize(
    ("env", "setting", "value"),
    [
        ({"TRUSTED_PROXY_COUNT": "1"}, "ALLAUTH_TRUSTED_PROXY_COUNT", "1"),
        (
            {"TRUSTED_CLIENT_IP_HEADER": "X-Real-IP"},
            "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
            "X-Real-IP",
        ),
    ],
)
def test_the_trusted_proxy_is_configured_from_the_environment(tmp_path, env, setting, value):
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = f"import alongside.settings as s; print(s.{setting})"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "DEBUG": "1", "ALONGSIDE_VAR_DIR": str(tmp_path), **env},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == value
