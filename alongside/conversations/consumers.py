"""The live side of a conversation: new messages, read marks and typing, pushed to the two
members' open pages. Sending stays a plain form post (it works with no socket at all); the
socket only makes what arrives appear at once."""

import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.http import Http404
from django.template.loader import render_to_string

from alongside.accounts.sessions import socket_person
from alongside.conversations.access import access_conversation
from alongside.conversations.models import Message
from alongside.conversations.realtime import group_name
from alongside.conversations.services import messages_mark_read

NOT_ALLOWED = 4404  # the close code for "no such conversation, or not yours"
TYPING_EVERY = 3.0  # seconds: a typing notice is sent at most this often


class ConversationConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.partnership_id = int(self.scope["url_route"]["kwargs"]["partnership_id"])
        self.user = self.scope.get("user")
        self.last_typing = 0.0
        if not await self._allowed():
            await self.close(code=NOT_ALLOWED)
            return
        self.group = group_name(self.partnership_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        """The page tells us it is typing, or that its person has seen messages up to an id."""
        if not await self._allowed():
            await self.close(code=NOT_ALLOWED)
            return
        if content.get("type") == "typing" and time.monotonic() - self.last_typing > TYPING_EVERY:
            self.last_typing = time.monotonic()
            event = {"type": "partnership.event", "kind": "typing", "id": self.user.pk}
            await self.channel_layer.group_send(self.group, event)
        elif content.get("type") == "read" and isinstance(content.get("up_to"), int):
            await self._mark_read(content["up_to"])

    async def partnership_event(self, event):
        """Something changed in this partnership. Access is checked again on every event, so a
        socket opened before its person lost access closes on the next one."""
        if not await self._allowed():
            await self.close(code=NOT_ALLOWED)
            return
        kind = event["kind"]
        if kind == "message":
            html = await self._render_message(event["id"])
            if html:
                await self.send_json({"type": "message", "id": event["id"], "html": html})
        elif kind == "read":
            await self.send_json({"type": "read", "up_to": event["id"]})
        elif kind == "typing" and event["id"] != self.user.pk:
            await self.send_json({"type": "typing"})

    @database_sync_to_async
    def _allowed(self) -> bool:
        self.user = socket_person(self.scope)
        if self.user is None:
            return False
        try:
            self.access = access_conversation(self.user, self.partnership_id)
        except Http404:
            return False
        return True

    @database_sync_to_async
    def _render_message(self, message_id: int) -> str:
        message = Message.objects.filter(pk=message_id, partnership=self.access.partnership).first()
        if message is None:
            return ""
        context = {"message": message, "user": self.user, "access": self.access}
        return render_to_string("conversations/_message.html", context)

    @database_sync_to_async
    def _mark_read(self, up_to: int) -> None:
        messages_mark_read(access=self.access, reader=self.user, up_to_id=up_to)
