"""The live escalation queue: coordinators who gave their code hear at once; nobody else can
listen."""

import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from alongside.conversations.access import access_conversation
from alongside.conversations.services import message_send
from tests.conversations.sockets import socket_for

pytestmark = pytest.mark.django_db(transaction=True)


def _queue_socket(user, *, code_given=True):
    return socket_for(user, "/ws/coordinator/escalations/", code_given=code_given)


@pytest.mark.parametrize("persona", ["peer", "mentor", "admin_user", "stranger"])
def test_only_coordinators_can_listen(request, persona):
    socket = _queue_socket(request.getfixturevalue(persona))
    assert async_to_sync(socket.connect)() is False


def test_a_coordinator_session_that_never_gave_its_code_cannot_listen(coordinator):
    socket = _queue_socket(coordinator, code_given=False)
    assert async_to_sync(socket.connect)() is False


def test_an_urgent_message_reaches_an_online_coordinators_queue(partnership, peer, coordinator):
    socket = _queue_socket(coordinator)

    def send():
        access = access_conversation(peer, partnership.pk)
        message_send(access=access, sender=peer, body="I am going to kill myself tonight",
                     client_id=uuid.uuid4())  # fmt: skip

    async def scenario():
        assert await socket.connect()
        await database_sync_to_async(send)()
        assert await socket.receive_json(timeout=5) == {"type": "changed"}
        await socket.close()

    async_to_sync(scenario)()
