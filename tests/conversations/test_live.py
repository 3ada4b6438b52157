"""The live side of a conversation over WebSockets: only members connect, messages and read
marks arrive at once, and a socket closes once its person loses access."""

import uuid

import pytest
from asgiref.sync import async_to_sync

from alongside.conversations.access import access_conversation
from alongside.conversations.services import message_send
from tests.conversations.sockets import socket_for

pytestmark = pytest.mark.django_db(transaction=True)


def _socket(user, partnership_id, origin=b"http://testserver"):
    return socket_for(user, f"/ws/partnerships/{partnership_id}/", origin=origin)


async def _connects(socket) -> bool:
    connected = await socket.connect()
    if connected:
        await socket.close()
    return connected


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("peer", True), ("mentor", True), ("another_peer", False), ("other_mentor", False),
     ("coordinator", False), ("admin_user", False), ("stranger", False), (None, False)],
)  # fmt: skip
def test_only_the_two_members_can_open_the_socket(request, partnership, persona, allowed):
    user = request.getfixturevalue(persona) if persona else None
    assert async_to_sync(_connects)(_socket(user, partnership.pk)) is allowed


def test_a_socket_from_another_site_is_refused(partnership, peer):
    communicator = _socket(peer, partnership.pk, origin=b"http://evil.example")
    assert async_to_sync(_connects)(communicator) is False


def _send(partnership, sender, body):
    access = access_conversation(sender, partnership.pk)
    return message_send(access=access, sender=sender, body=body, client_id=uuid.uuid4()).message


def test_a_message_and_its_read_mark_arrive_at_once(partnership, peer, her_mentor):
    peer_socket, mentor_socket = _socket(peer, partnership.pk), _socket(her_mentor, partnership.pk)

    async def scenario():
        assert await peer_socket.connect() and await mentor_socket.connect()
        message = await _async_send(partnership, peer, "hello <b>live</b>")
        arrived = await mentor_socket.receive_json(timeout=5)
        assert arrived["type"] == "message" and "hello &lt;b&gt;live&lt;/b&gt;" in arrived["html"]
        await peer_socket.receive_json(timeout=5)  # the sender's own page gets it too
        await mentor_socket.send_json({"type": "read", "up_to": message.pk})
        assert await peer_socket.receive_json(timeout=5) == {
            "type": "read",
            "up_to": message.pk,
        }
        await peer_socket.close()
        await mentor_socket.close()

    async_to_sync(scenario)()


def test_typing_is_shown_to_the_other_person_only(partnership, peer, her_mentor):
    peer_socket, mentor_socket = _socket(peer, partnership.pk), _socket(her_mentor, partnership.pk)

    async def scenario():
        await peer_socket.connect()
        await mentor_socket.connect()
        await peer_socket.send_json({"type": "typing"})
        assert await mentor_socket.receive_json(timeout=5) == {"type": "typing"}
        assert await peer_socket.receive_nothing(timeout=0.3)
        await peer_socket.close()
        await mentor_socket.close()

    async_to_sync(scenario)()


def test_a_socket_closes_on_the_next_event_once_its_person_lost_access(
    partnership, peer, her_mentor, admin_user
):
    from alongside.accounts.services import role_revoke

    mentor_socket = _socket(her_mentor, partnership.pk)

    async def scenario():
        assert await mentor_socket.connect()
        await _async(role_revoke)(user=her_mentor, role="mentor", by=admin_user, reason="Review")
        await _async_send(partnership, peer, "are you there?")
        closed = await mentor_socket.receive(timeout=5)
        assert closed["type"] == "websocket.close" and closed["code"] == 4404

    async_to_sync(scenario)()


def _async(function):
    from channels.db import database_sync_to_async

    return database_sync_to_async(function)


async def _async_send(partnership, sender, body):
    return await _async(_send)(partnership, sender, body)


def test_a_socket_closes_once_its_session_is_signed_out(partnership, peer, her_mentor):
    from importlib import import_module

    from django.conf import settings

    mentor_socket = _socket(her_mentor, partnership.pk)
    session_key = mentor_socket.io.scope["headers"][1][1].decode().split("=", 1)[1]

    async def scenario():
        assert await mentor_socket.connect()
        store = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
        await _async(store.delete)()  # signed out elsewhere ("sign out everywhere")
        await _async_send(partnership, peer, "still there?")
        closed = await mentor_socket.receive(timeout=5)
        assert closed["type"] == "websocket.close" and closed["code"] == 4404

    async_to_sync(scenario)()
