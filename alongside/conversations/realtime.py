"""Telling a partnership's open pages that something changed, through the channel layer.

Only ids travel (never message text), and a layer that is down never fails a send: the message
is already stored, and pages that miss the event find it when they next poll."""

from alongside.core.realtime import broadcast


def group_name(partnership_id: int) -> str:
    return f"partnership.{partnership_id}"


def announce(partnership_id: int, kind: str, object_id: int) -> None:
    event = {"type": "partnership.event", "kind": kind, "id": object_id}
    broadcast(group_name(partnership_id), event)
