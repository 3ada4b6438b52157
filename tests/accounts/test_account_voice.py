"""allauth's own pages and emails speak in the program's voice, not the library's defaults."""

import pytest
from django.core import mail

from tests.accounts.test_signup import FORM


def _assert_program_voice(message, settings):
    assert message.from_email.startswith(f"{settings.PROGRAM_NAME} <")
    assert "[" not in message.subject
    assert message.subject.startswith(f"{settings.PROGRAM_NAME}: ")
    assert "testserver" not in message.subject
    assert "Hello from" not in message.body
    assert "Thank you for using" not in message.body
    assert settings.PROGRAM_NAME in message.body


@pytest.mark.django_db
def test_the_confirmation_email_is_from_the_program_in_its_own_words(client, settings):
    settings.PROGRAM_NAME = "Hillside Peer Support"
    settings.DEFAULT_FROM_EMAIL = "Hillside Peer Support <hello@example.org>"
    settings.ACCOUNT_EMAIL_SUBJECT_PREFIX = "Hillside Peer Support: "
    client.post("/accounts/signup/", FORM)
    (message,) = mail.outbox
    _assert_program_voice(message, settings)
    assert message.subject == "Hillside Peer Support: Confirm your email address"
    assert "Hillside Peer Support, on Alongside" in message.body
    # The person's own words (their display name, pronouns) never travel by email.
    assert FORM["display_name"] not in message.body
    assert FORM["pronouns"] not in message.body


@pytest.mark.django_db
def test_the_password_reset_email_is_from_the_program(client, peer, settings):
    client.post("/accounts/password/reset/", {"email": peer.email})
    (message,) = mail.outbox
    _assert_program_voice(message, settings)
    assert message.subject.endswith("Choose a new password")
    assert peer.display_name not in message.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "heading", "default"),
    [
        ("/accounts/signup/", "Create your account", "Sign Up"),
        ("/accounts/login/", "Sign in", "Sign In"),
        ("/accounts/password/reset/", "Choose a new password", "Password Reset"),
    ],
)
def test_entrance_pages_use_sentence_case(client, url, heading, default):
    page = client.get(url).content.decode()
    assert heading in page
    assert default not in page


@pytest.mark.django_db
def test_the_page_after_sign_up_says_what_to_do(client):
    response = client.post("/accounts/signup/", FORM, follow=True)
    page = response.content.decode()
    assert "Confirm your email address" in page
    assert "Verify Your Email Address" not in page


@pytest.mark.django_db
def test_an_optional_field_says_so_once(client):
    page = client.get("/accounts/signup/").content.decode()
    assert 'Pronouns <span class="optional">(optional)</span>' in page
    assert page.count("(optional)") == page.count('<span class="optional">(optional)</span>')
