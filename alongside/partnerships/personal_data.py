"""A person's partnerships: with whom, when, in which state, and the notices on their page."""

from django.db.models import Q

from alongside.core.personal_data import pick, register
from alongside.notices.services import notice_send
from alongside.partnerships.models import CURRENT_STATES, Notice, Partnership, State
from alongside.partnerships.services import partnership_transition


def _partnerships(user) -> list[dict]:
    rows = (
        Partnership.objects.filter(Q(peer=user) | Q(mentor=user))
        .select_related("peer", "mentor")
        .order_by("created_at", "id")
    )
    items = []
    for row in rows:
        as_peer = row.peer_id == user.pk
        item = {
            "partnership": row.pk,
            "you_were": "peer" if as_peer else "mentor",
            "partnered_with": (row.mentor if as_peer else row.peer).display_name,
            **pick(row, "state", "created_at", "started_at", "ended_at", "paused_by",
                   "paused_at"),
        }  # fmt: skip
        if not as_peer and row.pause_note:
            item["your_pause_note_to_coordinators"] = row.pause_note
        items.append(item)
    return items


def _notices(user) -> list[dict]:
    rows = Notice.objects.filter(person=user).order_by("created_at", "id")
    return [pick(row, "partnership_id", "kind", "created_at", "seen_at") for row in rows]


def _erase(user) -> None:
    """End every current partnership (the other person is told kindly), then remove what only
    this person wrote or was shown."""
    current = Partnership.objects.filter(Q(peer=user) | Q(mentor=user), state__in=CURRENT_STATES)
    for partnership in current:
        partnership_transition(partnership=partnership, to=State.CLOSED, by=None)
        other_id = partnership.mentor_id if partnership.peer_id == user.pk else partnership.peer_id
        notice_send(
            recipient_id=other_id,
            headline="Your partnership has ended",
            body=(
                "The person you were partnered with has left the program. Your conversation "
                "stays on your partnership page for you to read."
            ),
        )
    Partnership.objects.filter(mentor=user).update(pause_note="")
    Notice.objects.filter(person=user).delete()


register(
    app_label="partnerships", key="partnerships.partnerships", title="Your partnerships",
    models=("partnerships.Partnership",), export=_partnerships, erase=_erase,
    kept=(
        "That a partnership existed, and when, stays for the other person (your name is "
        "replaced by “someone who left”) until its conversation reaches the retention period."
    ),
)  # fmt: skip
register(
    app_label="partnerships", key="partnerships.notices", title="Notices on your partnership page",
    models=("partnerships.Notice",), export=_notices,
)  # fmt: skip
