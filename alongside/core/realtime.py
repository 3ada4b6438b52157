"""Sending an event to a channel-layer group without ever failing the caller.

A live push is a convenience on top of what is already stored: every page that listens also
polls, so a layer that is down loses the push, never the data, and never the request."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def broadcast(group: str, event: dict) -> bool:
    """Send `event` to `group`; False (and a warning in the log) when it could not be sent."""
    try:
        layer = get_channel_layer()  # a layer on Redis may fail here already
        if layer is None:
            return False
        async_to_sync(layer.group_send)(group, event)
    except Exception:  # noqa: BLE001 (a down layer must never fail what is already stored)
        logger.warning("could not send %s to %s", event.get("type"), group)
        return False
    return True
