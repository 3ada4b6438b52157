"""A server error on a page with private content leaks none of it into logs or the email."""

import logging

import pytest
from django.core import mail
from django.test import Client

from alongside.intake import views as intake_views
from tests.conftest import sign_in

# Built in two parts: the debug page shows nearby source lines, and those are not a leak.
PRIVATE = "my-private-" + "hope-9c2e"


@pytest.fixture
def failing_intake(monkeypatch):
    def intake_save(*, peer, data, step=None):
        answers = data  # a local variable holding the private answers, as real code has
        raise RuntimeError(f"storage failed for {len(answers)} answers")

    monkeypatch.setattr(intake_views, "intake_save", intake_save)


def test_an_error_report_holds_no_private_content(settings, peer, failing_intake, caplog):
    settings.ADMINS = [("Admins", "admins@example.org")]
    client = sign_in(Client(raise_request_exception=False), peer)
    client.cookies["extra"] = PRIVATE
    with caplog.at_level(logging.INFO):
        response = client.post(
            f"/peer/intake/hopes/?note={PRIVATE}",
            {"hopes": PRIVATE, "talk_about": PRIVATE},
        )
    assert response.status_code == 500
    assert PRIVATE not in response.content.decode()
    assert len(mail.outbox) == 1
    report = mail.outbox[0]
    assert "RuntimeError" in report.body and "storage failed" in report.body
    assert "hopes" in report.body  # the field's name helps debugging; its value is hidden
    assert PRIVATE not in report.body
    assert PRIVATE not in report.subject
    assert all(PRIVATE not in str(content) for content, _ in report.alternatives)
    assert "Internal Server Error: /peer/intake/hopes/" in caplog.text
    assert PRIVATE not in caplog.text
    assert peer.display_name not in report.body


def test_the_debug_page_hides_private_content_too(settings, peer, failing_intake):
    settings.DEBUG = True
    client = sign_in(Client(raise_request_exception=False), peer)
    response = client.post("/peer/intake/hopes/", {"hopes": PRIVATE})
    assert response.status_code == 500
    assert "storage failed" in response.content.decode()
    assert PRIVATE not in response.content.decode()
