"""A person's partnerships: with whom, when, in which state, and the notices on their page."""

from django.db.models import Q

from alongside.core.personal_data import pick, register
from alongside.notices.services import notice_send
from alongside.partnerships.models import (
    CURRENT_STATES,
    Agreement,
    AgreementChange,
    AgreementProposal,
    ClosingPlan,
    ClosingReflection,
    Meeting,
    MeetingReflection,
    MentorBlock,
    Notice,
    Partnership,
    PartnershipConcern,
    State,
)
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


def _closing(user) -> list[dict]:
    items = [
        {"kind": "closing plan", "partnership": row.partnership_id,
         **pick(row, "last_meeting", "take_forward", "community_groups", "updated_at")}
        for row in ClosingPlan.objects.filter(partnership__peer=user)
    ]  # fmt: skip
    items += [
        {"kind": "closing reflection", "partnership": row.partnership_id,
         **pick(row, "text", "shared", "updated_at")}
        for row in ClosingReflection.objects.filter(author=user)
    ]  # fmt: skip
    items += [
        {"kind": "mentor blocked", "mentor": row.mentor.display_name, **pick(row, "created_at")}
        for row in MentorBlock.objects.filter(peer=user).select_related("mentor")
    ]
    items += [
        {"kind": "concern raised", "partnership": row.partnership_id,
         **pick(row, "text", "created_at", "taken_up_at")}
        for row in PartnershipConcern.objects.filter(raised_by=user)
    ]  # fmt: skip
    return items


def _erase_closing(user) -> None:
    ClosingPlan.objects.filter(partnership__peer=user).delete()
    ClosingReflection.objects.filter(author=user).delete()
    MentorBlock.objects.filter(Q(peer=user) | Q(mentor=user)).delete()
    PartnershipConcern.objects.filter(raised_by=user).update(raised_by=None)


def _purge_concerns(user) -> None:
    PartnershipConcern.objects.filter(
        Q(partnership__peer=user) | Q(partnership__mentor=user)
    ).delete()


register(
    app_label="partnerships", key="partnerships.closing",
    title="Closing plans and reflections, blocks and concerns you raised",
    models=("partnerships.ClosingPlan", "partnerships.ClosingReflection",
            "partnerships.MentorBlock", "partnerships.PartnershipConcern"),
    export=_closing, erase=_erase_closing, purge=_purge_concerns,
    kept=(
        "A concern you raised with the coordinators about a partnership is kept, no longer "
        "linked to your name, for the retention period, because the program may need to act "
        "on it; then it is deleted."
    ),
)  # fmt: skip


def _agreement(user) -> list[dict]:
    items = [
        {"kind": "your boundaries as a mentor", "partnership": row.partnership_id,
         **pick(row, "mentor_boundaries", "updated_at")}
        for row in Agreement.objects.filter(partnership__mentor=user)
    ]  # fmt: skip
    items += [
        {"kind": "proposed addition", "partnership": row.partnership_id,
         **pick(row, "part", "text", "status", "created_at", "decided_at")}
        for row in AgreementProposal.objects.filter(
            Q(partnership__peer=user) | Q(partnership__mentor=user)
        )
    ]  # fmt: skip
    items += [
        {"kind": "change", "partnership": row.partnership_id,
         **pick(row, "by", "summary", "created_at")}
        for row in AgreementChange.objects.filter(partnership__peer=user)
    ]  # fmt: skip
    return items


def _erase_agreement(user) -> None:
    Agreement.objects.filter(partnership__mentor=user).update(mentor_boundaries="")
    AgreementProposal.objects.filter(
        Q(partnership__peer=user) | Q(partnership__mentor=user)
    ).delete()
    AgreementChange.objects.filter(partnership__peer=user).delete()


register(
    app_label="partnerships", key="partnerships.agreement",
    title="Partnership agreements: boundaries, proposed additions and their history",
    models=("partnerships.Agreement", "partnerships.AgreementProposal",
            "partnerships.AgreementChange"),
    export=_agreement, erase=_erase_agreement,
)  # fmt: skip


def _meetings(user) -> list[dict]:
    items = [
        {"partnership": row.partnership_id,
         **pick(row, "starts_at", "duration_minutes", "mode", "place", "note", "status",
                "proposed_by", "cancel_note")}
        for row in Meeting.objects.filter(Q(partnership__peer=user) | Q(partnership__mentor=user))
    ]  # fmt: skip
    items += [
        {"kind": "your reflection after a meeting", "meeting": row.meeting_id,
         **pick(row, "connection", "worldview", "mutuality", "moving_towards", "self_care",
                "shared_for_supervision_at", "updated_at")}
        for row in MeetingReflection.objects.filter(mentor=user)
    ]  # fmt: skip
    return items


def _erase_meetings(user) -> None:
    MeetingReflection.objects.filter(mentor=user).delete()
    # Meetings of a partnership this person was in: the place, link and notes were theirs
    # together; the times go too (the partnership has ended).
    Meeting.objects.filter(Q(partnership__peer=user) | Q(partnership__mentor=user)).delete()


register(
    app_label="partnerships", key="partnerships.meetings",
    title="Meetings, and your reflections after them",
    models=("partnerships.Meeting", "partnerships.MeetingReflection"),
    export=_meetings, erase=_erase_meetings,
)  # fmt: skip
