"""Telling a partnership's open pages that something changed, through the channel layer.

Only ids travel (never message text), and a layer that is down never fails a send: the message
is already stored, and pages that miss the event find it when they next poll."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def group_name(partnership_id: int) -> str:
    return f"partnership.{partnership_id}"


def announce(partnership_id: int, kind: str, object_id: int) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    event = {"type": "partnership.event", "kind": kind, "id": object_id}
    try:
        async_to_sync(layer.group_send)(group_name(partnership_id), event)
    except Exception:  # noqa: BLE001 (a down layer must never lose or fail a stored message)
        logger.warning("could not announce %s %s to partnership %s", kind, object_id,
                       partnership_id)  # fmt: skip
