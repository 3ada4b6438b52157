"""Reading a conversation: who may, paging back, new messages, delivered and read, unread."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.conversations.access import access_conversation
from alongside.conversations.models import CoachMonthlyCount, Message
from alongside.conversations.selectors import PAGE_SIZE
from alongside.conversations.services import message_send
from alongside.intake.services import intake_save


def _say(partnership, sender, body):
    access = access_conversation(sender, partnership.pk)
    return message_send(access=access, sender=sender, body=body, client_id=uuid.uuid4()).message


def _bulk(partnership, sender, count):
    Message.objects.bulk_create(
        Message(partnership=partnership, sender=sender, body=f"note {i}", client_id=uuid.uuid4())
        for i in range(count)
    )


@pytest.mark.parametrize("persona", ["coordinator", "admin_user", "another_peer", "other_mentor"])
def test_only_the_two_members_read_it_not_even_staff(request, login, partnership, peer, persona):
    _say(partnership, peer, "private-words")
    client = login(request.getfixturevalue(persona))
    for url in ("conversation/", "conversation/new/?after=0"):
        response = client.get(f"/partnerships/{partnership.pk}/{url}")
        assert response.status_code in (403, 404)
        assert b"private-words" not in response.content


def test_a_page_shows_the_newest_and_pages_back_by_cursor(login, partnership, peer):
    _bulk(partnership, peer, PAGE_SIZE + 5)
    client = login(peer)
    first = client.get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert f"note {PAGE_SIZE + 4}" in first and "note 4<" not in first
    oldest_shown = Message.objects.order_by("-id")[PAGE_SIZE - 1].pk
    older = client.get(f"/partnerships/{partnership.pk}/conversation/?before={oldest_shown}")
    assert "note 4<" in older.content.decode() and "note 0<" in older.content.decode()


@pytest.mark.parametrize("count", [10, 10_000])
def test_the_page_runs_the_same_queries_for_10_or_10000_messages(login, partnership, peer, count):
    _bulk(partnership, peer, count)
    client = login(partnership.mentor)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/partnerships/{partnership.pk}/conversation/").status_code == 200
    # Among them: anything with the coordinators? unread notices? and the agreement panel (the
    # intake, the mentor's boundaries, proposals waiting).
    assert len(captured) == 13


def test_new_messages_arrive_by_polling_and_the_sender_sees_delivered_then_read(
    login, partnership, peer, her_mentor
):
    sent = _say(partnership, peer, "hello there")
    assert sent.status == "sent"
    poll = login(her_mentor).get(f"/partnerships/{partnership.pk}/conversation/new/?after=0")
    assert "hello there" in poll.content.decode()
    sent.refresh_from_db()
    assert sent.status == "read"  # the mentor's open page showed it
    mine = login(peer).get(
        f"/partnerships/{partnership.pk}/conversation/new/?after={sent.pk}&mine={sent.pk}"
    )
    assert f'id="status-{sent.pk}"' in mine.content.decode() and ">read<" in mine.content.decode()


def test_home_pages_count_unread_messages(login, partnership, peer, her_mentor):
    _say(partnership, peer, "one")
    _say(partnership, peer, "two")
    assert "2 new messages" in login(her_mentor).get("/mentor/").content.decode()
    assert "new message" not in login(peer).get("/peer/").content.decode()
    login(her_mentor).get(f"/partnerships/{partnership.pk}/conversation/")
    assert "new message" not in login(her_mentor).get("/mentor/").content.decode()


def test_the_mentor_is_coached_as_they_type_and_the_peer_never_is(
    login, partnership, peer, her_mentor
):
    intake_save(peer=peer, data={"avoid_topics": ["exercise"], "shared_items": ["avoid_topics"]})
    url = f"/partnerships/{partnership.pk}/conversation/coach/"
    draft = "You look so healthy now! Maybe go to the gym?"
    notes = login(her_mentor).post(url, {"body": draft}).content.decode()
    assert "Language coach" in notes and "<mark>" in notes
    assert login(peer).post(url, {"body": draft}).content.decode().strip() == ""
    counts = dict(CoachMonthlyCount.objects.values_list("category", "count"))
    assert counts.get("body_talk") == 1 and "avoid_topic" in counts
    assert not Message.objects.exists()  # coaching stores nothing with, or as, a message


def test_the_coach_offers_gentler_words_at_the_right_place(login, partnership, her_mentor):
    from alongside.conversations.screening import coach

    url = f"/partnerships/{partnership.pk}/conversation/coach/"
    notes = login(her_mentor).post(url, {"body": "Calm down. You need to eat."}).content.decode()
    assert 'data-replacement="Take your time"' in notes
    assert 'data-replacement="You could eat"' in notes
    # The same words twice: the button names the second appearance, so the right one changes.
    (first, second) = coach("Calm down! ok, calm down", avoid_topics=())
    assert (first.occurrence, second.occurrence) == (0, 0)  # different case: different words
    (one, two) = coach("you need to eat and you need to eat", avoid_topics=())
    assert (one.occurrence, two.occurrence) == (0, 1)
    (numbers,) = coach("I weighed 90 pounds then.", avoid_topics=())
    assert numbers.replacement is None  # no words offered where none read well


def test_coach_counts_are_anonymous():
    names = {field.name for field in CoachMonthlyCount._meta.get_fields()}
    assert names == {"id", "month", "category", "count"}


def test_people_who_asked_get_one_email_nudge_without_the_words(
    partnership, peer, her_mentor, settings, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.core import mail
    from django.utils import timezone

    from alongside.conversations.services import unread_nudges_send

    settings.CONVERSATION_NUDGE_MINUTES = 60
    _say(partnership, peer, "a-secret-message-marker")
    later = timezone.now() + timedelta(minutes=61)
    assert unread_nudges_send(now=later) == 0  # the mentor did not ask for nudges
    her_mentor.email_when_messages_wait = True
    her_mentor.save()
    assert unread_nudges_send(now=timezone.now()) == 0  # not waiting long enough yet
    with django_capture_on_commit_callbacks(execute=True):
        assert unread_nudges_send(now=later) == 1
        assert unread_nudges_send(now=later) == 0  # each message nudges once
    assert [m.to for m in mail.outbox] == [[her_mentor.email]]
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert "marker" not in body and "Alice" not in body


def test_the_nudge_setting_is_in_the_profile(login, peer):
    client = login(peer)
    assert (
        "Email me when a message has waited unread" in client.get("/me/profile/").content.decode()
    )
    client.post(
        "/me/profile/",
        {"display_name": "Alice", "preferred_language": "en", "email_when_messages_wait": "on"},
    )
    peer.refresh_from_db()
    assert peer.email_when_messages_wait


def test_a_page_polling_by_itself_does_not_keep_an_idle_session_alive(login, partnership, peer):
    import time

    from alongside.accounts.sessions import BACKGROUND_HEADER, SEEN

    client = login(peer)
    client.get("/peer/")  # an ordinary request: the person was here
    session = client.session
    session[SEEN] = time.time() - 20 * 60
    session.save()
    url = f"/partnerships/{partnership.pk}/conversation/new/?after=0"
    client.get(url, headers={BACKGROUND_HEADER: "1"})
    assert client.session[SEEN] < time.time() - 19 * 60  # the poll did not count as activity
    client.get(url)
    assert client.session[SEEN] > time.time() - 60  # a request the person made does
