import re

import pytest
from django.core import mail

from alongside.accounts.models import Role, User
from alongside.audit.models import AuditEvent

FORM = {
    "email": "newperson@example.org",
    "password1": "a long and private passphrase",
    "password2": "a long and private passphrase",
    "display_name": "River",
    "pronouns": "they/them",
    "applying_as": "peer",
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PEER, Role.MENTOR])
def test_sign_up_asks_which_role_the_person_applies_for(client, role):
    response = client.post("/accounts/signup/", {**FORM, "applying_as": role})
    assert response.status_code == 302
    user = User.objects.get(email="newperson@example.org")
    assert user.role_set == {role}
    assert user.display_name == "River"
    assert AuditEvent.objects.filter(
        action="role.grant", subject_id=user.pk, target_id=role
    ).exists()


@pytest.mark.django_db
def test_nobody_can_sign_up_as_a_coordinator(client):
    response = client.post("/accounts/signup/", {**FORM, "applying_as": "coordinator"})
    assert response.status_code == 200
    assert b"Select a valid choice" in response.content
    assert not User.objects.exists()


@pytest.mark.django_db
def test_missing_display_name_shows_a_field_error_and_creates_nothing(client):
    response = client.post("/accounts/signup/", {**FORM, "display_name": "  "})
    assert response.status_code == 200
    assert b"display_name" in response.content
    assert not User.objects.exists()


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2(settings):
    from django.contrib.auth.hashers import make_password

    from alongside import settings as real_settings

    assert real_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = real_settings.PASSWORD_HASHERS
    assert make_password("x" * 12).startswith("argon2$")


@pytest.mark.django_db
def test_email_must_be_verified_before_signing_in(client):
    client.post("/accounts/signup/", FORM)
    assert len(mail.outbox) == 1
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": FORM["email"], "password": FORM["password1"]}
    )
    assert response.url == "/accounts/confirm-email/"
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[-1].body).group(
        1
    )
    client.post(link)
    response = client.post(
        "/accounts/login/", {"login": FORM["email"], "password": FORM["password1"]}
    )
    assert response.url == "/home/"


@pytest.mark.django_db
def test_password_reset_sends_an_email(client, peer):
    client.post("/accounts/password/reset/", {"email": peer.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_signup_can_be_closed(client, settings):
    settings.SIGNUP_OPEN = False
    response = client.post("/accounts/signup/", FORM)
    assert not User.objects.exists()
    assert b"closed" in response.content.lower()


@pytest.mark.django_db
def test_the_role_question_is_a_labelled_group(client):
    content = client.get("/accounts/signup/").content.decode()
    assert "<legend>How would you like to take part?</legend>" in content
    assert 'aria-describedby="id_display_name_helptext"' in content


@pytest.mark.django_db
def test_sign_up_refuses_a_name_that_overrides_the_text_direction(client):
    response = client.post("/accounts/signup/", {**FORM, "display_name": "\u202eadnaD"})
    assert response.status_code == 200
    assert b"change the direction of the text" in response.content
    assert not User.objects.exists()
