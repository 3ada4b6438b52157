"""The escalation is an outbox row written in the sender's transaction, paged after commit."""

import pytest
from django.db import transaction

from alongside.audit.models import AuditEvent
from alongside.safety.models import Escalation, NotificationAttempt, Priority
from alongside.safety.services import escalation_raise

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def immediate(settings):
    settings.TASKS = IMMEDIATE


def raise_it(partnership, by, level="urgent"):
    return escalation_raise(partnership=partnership, message_id=42, level=level, raised_by=by)


def test_an_urgent_message_stores_a_high_priority_escalation_and_audits_it(partnership, peer):
    escalation = raise_it(partnership, peer)
    assert escalation.priority == Priority.HIGH and escalation.pages and escalation.round == 1
    assert escalation.message_id == 42
    assert AuditEvent.objects.filter(action="escalation.raise", target_id=str(escalation.pk))


def test_urgent_pages_every_coordinator_after_commit(
    partnership, peer, coordinator, immediate, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        raise_it(partnership, peer)
    assert NotificationAttempt.objects.filter(coordinator=coordinator, ok=True).count() == 2
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]


def test_the_email_holds_no_names_and_no_message_text(
    partnership, peer, coordinator, immediate, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        raise_it(partnership, peer)
    mail = mailoutbox[0]
    text = mail.subject + mail.body
    assert "a partnership needs attention" in mail.subject.lower()
    for private in ("Alice", "Bob", peer.email, partnership.mentor.email):
        assert private not in text


def test_a_concern_joins_the_queue_at_lower_priority_without_paging(
    partnership, peer, coordinator, immediate, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        escalation = raise_it(partnership, peer, level="concern")
    assert escalation.priority == Priority.LOWER and not escalation.pages
    assert not NotificationAttempt.objects.exists() and not mailoutbox


def test_a_concern_pages_when_the_program_says_so(
    partnership, peer, coordinator, immediate, settings, django_capture_on_commit_callbacks,
    mailoutbox,
):  # fmt: skip
    settings.ESCALATION_CONCERN_PAGES = True
    with django_capture_on_commit_callbacks(execute=True):
        escalation = raise_it(partnership, peer, level="concern")
    assert escalation.priority == Priority.LOWER and len(mailoutbox) == 1


def test_a_rolled_back_send_leaves_no_escalation_and_pages_nobody(
    partnership, peer, coordinator, immediate, django_capture_on_commit_callbacks, mailoutbox
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        raise_it(partnership, peer)
        raise RuntimeError("the message could not be stored")
    assert not Escalation.objects.exists() and not callbacks
    assert not NotificationAttempt.objects.exists() and not mailoutbox


def test_a_mentors_own_crisis_is_not_a_peer_escalation(partnership, her_mentor, coordinator):
    assert raise_it(partnership, her_mentor) is None
    assert not Escalation.objects.exists()


def test_no_crisis_raises_nothing(partnership, peer):
    assert raise_it(partnership, peer, level="none") is None
    assert not Escalation.objects.exists()


def test_an_unknown_level_is_refused_loudly(partnership, peer):
    with pytest.raises(ValueError):
        raise_it(partnership, peer, level="mild")


def test_someone_outside_the_partnership_cannot_raise_it(partnership, another_peer):
    with pytest.raises(ValueError):
        raise_it(partnership, another_peer)


def test_an_unknown_level_is_refused_from_the_mentor_too(partnership, her_mentor):
    with pytest.raises(ValueError):
        raise_it(partnership, her_mentor, level="mild")
