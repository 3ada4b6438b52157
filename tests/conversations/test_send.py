"""Sending a message: stored once, encrypted, screened, refused clearly when it cannot go."""

import uuid

import pytest
from django.db import connection

from alongside.conversations.access import access_conversation
from alongside.conversations.models import MAX_MESSAGE_LENGTH, Message
from alongside.conversations.services import MessageRefused, message_send
from alongside.partnerships.services import partnership_transition


def _send(client, partnership, body, client_id=None, htmx=False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(
        f"/partnerships/{partnership.pk}/conversation/send/",
        {"body": body, "client_id": str(client_id or uuid.uuid4())},
        headers=headers,
    )


def test_the_peer_and_her_mentor_write_to_each_other(login, partnership, peer, her_mentor):
    assert _send(login(peer), partnership, "Hello Bob").status_code == 302
    assert _send(login(her_mentor), partnership, "Hello Alice, glad to meet you").status_code == 302
    page = login(peer).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "Hello Bob" in page and "glad to meet you" in page


def test_a_retry_with_the_same_client_id_is_stored_once(login, partnership, peer):
    client, same = login(peer), uuid.uuid4()
    _send(client, partnership, "Are you there?", client_id=same)
    _send(client, partnership, "Are you there?", client_id=same)
    assert Message.objects.count() == 1


def test_message_bodies_are_encrypted_at_rest(login, partnership, peer):
    _send(login(peer), partnership, "a-private-message-marker")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM conversations_message")
        assert "marker" not in cursor.fetchone()[0]
    assert Message.objects.get().body == "a-private-message-marker"


def test_html_in_a_message_is_shown_as_text(login, partnership, peer):
    _send(login(peer), partnership, "<script>alert(1)</script><b>hi</b>")
    page = login(peer).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_over_long_message_is_refused_whole_with_a_clear_message(login, partnership, peer):
    response = _send(login(peer), partnership, "x" * (MAX_MESSAGE_LENGTH + 1))
    assert response.status_code == 400
    assert "the limit is 4,000" in response.content.decode()
    assert not Message.objects.exists()
    htmx = _send(login(peer), partnership, "y" * (MAX_MESSAGE_LENGTH + 1), htmx=True)
    assert htmx.status_code == 400 and "Nothing was sent" in htmx.content.decode()
    assert not Message.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_an_empty_message_is_not_sent(login, partnership, peer, body):
    assert _send(login(peer), partnership, body).status_code == 400
    assert not Message.objects.exists()


def test_a_forged_client_id_is_refused(login, partnership, peer):
    response = login(peer).post(
        f"/partnerships/{partnership.pk}/conversation/send/", {"body": "hi", "client_id": "x"}
    )
    assert response.status_code == 400 and not Message.objects.exists()


@pytest.mark.parametrize("state", ["paused", "closing", "closed"])
def test_no_one_can_send_while_the_partnership_is_not_active(
    login, partnership, peer, her_mentor, state
):
    partnership_transition(partnership=partnership, to=state, by=peer)
    for person in (peer, her_mentor):
        assert _send(login(person), partnership, "still there?").status_code == 400
    assert not Message.objects.exists()
    page = login(peer).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert 'id="compose"' not in page  # read-only history


def test_the_send_service_reports_the_crisis_level_of_every_message(partnership, peer):
    access = access_conversation(peer, partnership.pk)
    calm = message_send(access=access, sender=peer, body="Lunch was nice", client_id=uuid.uuid4())
    assert calm.crisis == "none"
    crisis = message_send(
        access=access, sender=peer, body="I have the pills ready and I am going to take them all "
        "tonight", client_id=uuid.uuid4(),
    )  # fmt: skip
    assert crisis.crisis == "urgent"


def test_a_message_longer_than_the_engine_reads_at_once_is_still_screened():
    from alongside.conversations.screening import crisis_levels

    long = "Ordinary news about my week. " * 700  # about 20,000 characters each side
    text = long + " I am going to kill myself tonight, I have the rope ready. " + long
    assert crisis_levels(text, "peer")[0] == "urgent"


def test_the_service_refuses_with_a_message_fit_to_show(partnership, peer):
    access = access_conversation(peer, partnership.pk)
    with pytest.raises(MessageRefused, match="nothing to send"):
        message_send(access=access, sender=peer, body=" ", client_id=uuid.uuid4())
