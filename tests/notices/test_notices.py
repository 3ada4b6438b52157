"""Notices: in the app and by email, for the events people must hear about, never private text."""

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command

from alongside.matching.selectors import open_requests
from alongside.matching.services import (
    mentor_request_accept,
    mentor_request_create,
    mentor_request_decline,
    requests_expire,
)
from alongside.notices.models import Notice
from alongside.notices.services import notice_send
from alongside.training.services import application_decide
from tests.matching.helpers import make_matchable

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
NOTE = "my private note about a very hard week"


def headlines(user) -> list[str]:
    return list(Notice.objects.filter(recipient=user).values_list("headline", flat=True))


def test_a_request_tells_the_mentor_and_an_answer_tells_the_peer(peer, mentor, coordinator):
    make_matchable(mentor, coordinator)
    request = mentor_request_create(peer=peer, mentor_id=mentor.pk, note=NOTE)
    assert "A peer would like you as their mentor" in headlines(mentor)
    partnership = mentor_request_accept(mentor=mentor, mentor_request=request)
    notice = Notice.objects.get(recipient=peer)
    assert notice.headline == "Your mentor said yes"
    assert notice.link == f"/partnerships/{partnership.pk}/"


def test_a_decline_and_an_expiry_say_the_same_kind_words(
    peer, another_peer, mentor, coordinator, settings
):
    make_matchable(mentor, coordinator)
    request = mentor_request_create(peer=peer, mentor_id=mentor.pk)
    mentor_request_decline(mentor=mentor, mentor_request=request, reason="too busy this month")
    mentor_request_create(peer=another_peer, mentor_id=mentor.pk)
    Notice.objects.filter(recipient=another_peer).delete()
    open_requests().filter(peer=another_peer).update(created_at="2000-01-01T00:00Z")
    assert requests_expire() == 1
    declined, expired = (
        Notice.objects.get(recipient=peer),
        Notice.objects.get(recipient=another_peer),
    )
    assert (declined.headline, declined.body) == (expired.headline, expired.body)
    assert "busy" not in declined.body


def test_application_decisions_tell_the_applicant_without_the_reason(mentor, coordinator):
    make_matchable(mentor, coordinator)  # approves with a reason
    assert "Your mentor application is approved" in headlines(mentor)
    application_decide(mentor=mentor, by=coordinator, decision="suspend", reason="SECRET why")
    assert not Notice.objects.filter(body__contains="SECRET").exists()


def test_no_notice_ever_carries_what_a_person_wrote(peer, mentor, coordinator, settings):
    settings.TASKS = IMMEDIATE
    make_matchable(mentor, coordinator)
    request = mentor_request_create(peer=peer, mentor_id=mentor.pk, note=NOTE)
    mentor_request_decline(mentor=mentor, mentor_request=request, reason="a private reason")
    texts = [n.headline + n.body for n in Notice.objects.all()]
    texts += [m.subject + m.body for m in mail.outbox]
    assert texts and not any(NOTE in t or "private reason" in t for t in texts)


@pytest.mark.skipif(
    django_settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend",
    reason="the database worker is the embedded default `make run` starts",
)
@pytest.mark.django_db(transaction=True)
def test_the_task_worker_delivers_queued_notice_emails(peer, settings):
    """The database backend `make run` uses: the notice's email waits in the queue until the
    worker runs, then leaves from the program's name."""
    settings.PROGRAM_NAME = "Riverside Peers"
    settings.DEFAULT_FROM_EMAIL = "Riverside Peers <no-reply@example.org>"
    notice_send(recipient_id=peer.pk, headline="Your mentor said yes", body="Good news.")
    assert mail.outbox == []
    call_command("run_worker", batch=True)
    [email] = mail.outbox
    assert email.to == [peer.email] and email.subject == "Your mentor said yes"
    assert email.from_email == "Riverside Peers <no-reply@example.org>"
    assert "Sign in to Riverside Peers" in email.body and "testserver" not in email.body


def test_a_rolled_back_change_sends_nothing(peer, settings, django_capture_on_commit_callbacks):
    from django.db import transaction

    settings.TASKS = IMMEDIATE
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notice_send(recipient_id=peer.pk, headline="Something")
        raise RuntimeError
    assert not Notice.objects.exists() and not mail.outbox


def test_the_header_counts_unread_notices_and_the_list_marks_them_read(login, peer, mentor):
    notice_send(recipient_id=peer.pk, headline="Your mentor said yes", email=False)
    notice_send(recipient_id=mentor.pk, headline="Not for Alice", email=False)
    client = login(peer)
    page = client.get("/peer/").content.decode()
    assert 'Notices <span class="count">1<span class="visually-hidden"> new</span>' in page
    listing = client.get("/notices/").content.decode()
    assert "Your mentor said yes" in listing and "New" in listing
    assert "Not for Alice" not in listing
    assert Notice.objects.get(recipient=peer).read_at is not None
    assert Notice.objects.get(recipient=mentor).read_at is None
    assert 'class="count"' not in client.get("/peer/").content.decode()
    assert ">New<" not in client.get("/notices/").content.decode()


def test_the_notice_list_shows_a_bounded_number(login, peer, django_assert_max_num_queries):
    for number in range(60):
        notice_send(recipient_id=peer.pk, headline=f"Notice {number}", email=False)
    client = login(peer)
    client.get("/notices/")
    with django_assert_max_num_queries(25):
        page = client.get("/notices/").content.decode()
    assert page.count('class="card notice-item') == 50
