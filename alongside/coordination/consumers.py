"""The live escalation queue: a coordinator's open queue page hears the moment an escalation
is raised or changes, and refreshes its rows (which it also does every ten seconds)."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from alongside.accounts.models import Role
from alongside.accounts.sessions import socket_person
from alongside.accounts.two_step import two_step_age
from alongside.safety.services import COORDINATORS_GROUP

NOT_ALLOWED = 4403


class EscalationQueueConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        if not await self._allowed():
            await self.close(code=NOT_ALLOWED)
            return
        await self.channel_layer.group_add(COORDINATORS_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        await self.channel_layer.group_discard(COORDINATORS_GROUP, self.channel_name)

    async def escalation_changed(self, event):
        """Only that something changed, never who or what: the page fetches its rows."""
        if not await self._allowed():
            await self.close(code=NOT_ALLOWED)
            return
        await self.send_json({"type": "changed"})

    @database_sync_to_async
    def _allowed(self) -> bool:
        """Coordinators only, read afresh each time, and only from a session that gave its
        authenticator code (as every staff page demands)."""
        fresh = socket_person(self.scope)
        if fresh is None or not fresh.has_role(Role.COORDINATOR):
            return False
        return two_step_age(self.scope["session"], fresh) is not None
