"""A small WebSocket client for tests, straight over the ASGI protocol (asgiref's
ApplicationCommunicator), so the suite needs no separate ASGI server package."""

import json

from asgiref.testing import ApplicationCommunicator


class Socket:
    def __init__(self, application, path: str, headers: list[tuple[bytes, bytes]]):
        scope = {"type": "websocket", "path": path, "headers": headers, "subprotocols": [],
                 "query_string": b"", "client": ("127.0.0.1", 50000)}  # fmt: skip
        self.io = ApplicationCommunicator(application, scope)

    async def connect(self, timeout: float = 5) -> bool:
        await self.io.send_input({"type": "websocket.connect"})
        answer = await self.io.receive_output(timeout)
        return answer["type"] == "websocket.accept"

    async def send_json(self, data) -> None:
        await self.io.send_input({"type": "websocket.receive", "text": json.dumps(data)})

    async def receive(self, timeout: float = 5) -> dict:
        return await self.io.receive_output(timeout)

    async def receive_json(self, timeout: float = 5):
        return json.loads((await self.receive(timeout))["text"])

    async def receive_nothing(self, timeout: float = 0.3) -> bool:
        return await self.io.receive_nothing(timeout)

    async def close(self) -> None:
        await self.io.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.io.wait(1)


def socket_for(user, path: str, *, code_given: bool = True, origin: bytes = b"http://testserver"):
    """A socket to `path` on the real ASGI application, signed in as `user` (None: anonymous);
    staff are marked as having given their code unless `code_given` is False."""
    from django.test import Client

    from alongside.asgi import application  # imported here: importing it reads the database
    from tests.conftest import sign_in

    headers = [(b"origin", origin)]
    if user is not None:
        client = Client()
        if code_given:
            sign_in(client, user)
        else:
            client.force_login(user)
        headers.append((b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode()))
    return Socket(application, path, headers)
