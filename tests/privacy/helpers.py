import uuid

from alongside.conversations.access import access_conversation
from alongside.conversations.services import message_send
from tests.conftest import PASSWORD


def reauthenticate(client):
    """Give the password again, as the fresh sign-in check asks."""
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302, response.content[:400]
    return response


def say(person, partnership, text):
    return message_send(
        access=access_conversation(person, partnership.pk), sender=person, body=text,
        client_id=uuid.uuid4(),
    ).message  # fmt: skip
