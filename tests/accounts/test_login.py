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
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
