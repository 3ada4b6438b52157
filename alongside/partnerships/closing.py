"""Ending a partnership: a planned closing the peer leads, the peer ending it at any moment
(and, in the same step, blocking the mentor or raising a concern), and a coordinator ending it
for safety or conduct. Every move goes through the lifecycle table (`partnership_transition`)."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import Role, User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.notices.services import notice_send as header_notice
from alongside.partnerships.models import (
    CLOSING_TEXT_MAX,
    CONCERN_MAX,
    ClosingPlan,
    ClosingReflection,
    MentorBlock,
    NoticeKind,
    Partnership,
    PartnershipConcern,
    Side,
    State,
)
from alongside.partnerships.services import (
    IllegalTransition,
    notice_send,
    partnership_transition,
    side_of,
)

# A reason short enough to be a shrug is not a recorded reason.
COORDINATOR_REASON_MIN = 10


def _limit(text: str, limit: int, what: str) -> str:
    text = (text or "").strip()
    if len(text) > limit:
        raise IllegalTransition(
            f"{what} is {len(text):,} characters; the limit is {limit:,}. Nothing was changed."
        )
    return text


def _locked(partnership: Partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update()
        .select_related("peer", "mentor")
        .get(pk=partnership.pk)
    )


def closing_propose(*, partnership: Partnership, by: User) -> Partnership:
    """Either person proposes a planned closing; the other is told kindly."""
    side = side_of(partnership, by)
    with transaction.atomic():
        closing = partnership_transition(partnership=partnership, to=State.CLOSING, by=by)
        closing.closing_proposed_by = side
        closing.paused_by, closing.paused_at = "", None
        closing.save(update_fields=["closing_proposed_by", "paused_by", "paused_at"])
        other = closing.mentor if side == Side.PEER else closing.peer
        notice_send(partnership=closing, person=other, kind=NoticeKind.CLOSING_PROPOSED)
    return closing


def closing_plan_save(
    *, partnership: Partnership, by: User, last_meeting: str, take_forward: str,
    community_groups: bool,
) -> ClosingPlan:  # fmt: skip
    """The peer writes how they would like to end: theirs to lead."""
    if side_of(partnership, by) != Side.PEER:
        raise IllegalTransition(f"{partnership.peer.display_name} leads the closing plan.")
    last_meeting = _limit(last_meeting, CLOSING_TEXT_MAX, "The last meeting note")
    take_forward = _limit(take_forward, CLOSING_TEXT_MAX, "What you take forward")
    with transaction.atomic():
        locked = _locked(partnership)
        if locked.state != State.CLOSING:
            raise IllegalTransition("A closing plan is written once closing has been proposed.")
        plan, _ = ClosingPlan.objects.update_or_create(
            partnership=locked,
            defaults={
                "last_meeting": last_meeting, "take_forward": take_forward,
                "community_groups": community_groups, "updated_at": timezone.now(),
            },
        )  # fmt: skip
        audit_record(
            action=Action.PARTNERSHIP_CLOSING_PLAN, actor=by, subject=locked.peer,
            target_type="partnership", target_id=locked.pk,
        )  # fmt: skip
    return plan


def closing_complete(*, partnership: Partnership, by: User) -> Partnership:
    """Close a closing partnership. The peer may at any point; the mentor once the peer has
    written their plan, so the ending follows it."""
    side = side_of(partnership, by)
    with transaction.atomic():
        locked = _locked(partnership)
        if locked.state != State.CLOSING:
            raise IllegalTransition("Closing has not been proposed for this partnership.")
        if side == Side.MENTOR and not ClosingPlan.objects.filter(partnership=locked).exists():
            raise IllegalTransition(
                f"{locked.peer.display_name} leads the closing: once they have written their "
                "plan, either of you can close."
            )
        closed = partnership_transition(partnership=locked, to=State.CLOSED, by=by)
        other = closed.mentor if side == Side.PEER else closed.peer
        notice_send(partnership=closed, person=other, kind=NoticeKind.CLOSED)
    return closed


def closing_reflection_save(
    *, partnership: Partnership, by: User, text: str, shared: bool
) -> ClosingReflection:
    """Either person's closing reflection, private or shared with the other."""
    side_of(partnership, by)
    text = _limit(text, CLOSING_TEXT_MAX, "The reflection")
    if not text:
        raise IllegalTransition("Please write your reflection first. Nothing was changed.")
    if partnership.state not in (State.CLOSING, State.CLOSED):
        raise IllegalTransition("A closing reflection is written once closing has begun.")
    with transaction.atomic():
        reflection, _ = ClosingReflection.objects.update_or_create(
            partnership=partnership, author=by,
            defaults={"text": text, "shared": shared, "updated_at": timezone.now()},
        )  # fmt: skip
        audit_record(
            action=Action.CLOSING_REFLECTION_SAVE, actor=by, subject=partnership.peer,
            target_type="partnership", target_id=partnership.pk,
        )  # fmt: skip
    return reflection


def partnership_end_by_peer(
    *, partnership: Partnership, by: User, block: bool = False, concern: str = ""
) -> Partnership:
    """The peer ends the partnership now, no reason asked. In the same step they may block the
    mentor and raise a concern to the coordinators in their own words. The mentor is told
    only that it ended, never about a block or a concern."""
    if side_of(partnership, by) != Side.PEER:
        raise IllegalTransition("Only the peer can end a partnership this way.")
    concern = _limit(concern, CONCERN_MAX, "The concern")
    with transaction.atomic():
        locked = _locked(partnership)
        ended = partnership_transition(partnership=locked, to=State.CLOSED, by=by)
        if block:
            MentorBlock.objects.get_or_create(peer=ended.peer, mentor=ended.mentor)
            audit_record(
                action=Action.MENTOR_BLOCK, actor=by, subject=ended.peer,
                target_type="partnership", target_id=ended.pk,
            )  # fmt: skip
        if concern:
            raised = PartnershipConcern.objects.create(
                partnership=ended, raised_by=by, text=concern
            )
            audit_record(
                action=Action.PARTNERSHIP_CONCERN, actor=by, subject=ended.peer,
                target_type="partnership_concern", target_id=raised.pk,
            )  # fmt: skip
            _tell_coordinators_of_a_concern()
        notice_send(partnership=ended, person=ended.mentor, kind=NoticeKind.ENDED_BY_PEER)
        header_notice(
            recipient_id=ended.mentor_id,
            headline="A partnership has ended",
            body="Your peer has ended the partnership. Endings are part of peer support; "
            "thank you for the time you gave.",
        )
    return ended


def _tell_coordinators_of_a_concern() -> None:
    for coordinator_id in User.objects.filter(
        role_assignments__role=Role.COORDINATOR, is_active=True
    ).values_list("pk", flat=True):
        header_notice(
            recipient_id=coordinator_id,
            headline="A peer raised a concern about a partnership",
            body="It is waiting in the concerns list.",
            link="/coordinator/concerns/",
        )


def partnership_end_by_coordinator(
    *, partnership: Partnership, coordinator: User, reason: str
) -> Partnership:
    """A coordinator ends a partnership for safety or conduct, with a recorded reason (kept
    encrypted with the audit event). Both people are told kindly, the peer first."""
    if not coordinator.has_role(Role.COORDINATOR):
        raise IllegalTransition("Only a coordinator can end a partnership this way.")
    reason = _limit(reason, CONCERN_MAX, "The reason")
    if len(reason) < COORDINATOR_REASON_MIN:
        raise IllegalTransition("Please write the reason; it is kept with the audit log.")
    with transaction.atomic():
        locked = _locked(partnership)
        ended = partnership_transition(partnership=locked, to=State.CLOSED, by=coordinator)
        audit_record(
            action=Action.PARTNERSHIP_ENDED_BY_COORDINATOR, actor=coordinator,
            subject=ended.peer, target_type="partnership", target_id=ended.pk, reason=reason,
        )  # fmt: skip
        words = {
            ended.peer_id: "A coordinator has ended your partnership. This is not a judgement "
            "of you. You can choose a new mentor whenever you are ready, and a coordinator "
            "is here if you would like to talk.",
            ended.mentor_id: "A coordinator has ended this partnership. A coordinator will be "
            "in touch about what happens next.",
        }
        for person in (ended.peer, ended.mentor):  # the peer first
            notice_send(partnership=ended, person=person, kind=NoticeKind.ENDED_BY_COORDINATOR)
            header_notice(
                recipient_id=person.pk, headline="Your partnership has ended", body=words[person.pk]
            )
    return ended


def concern_take_up(*, concern_id, coordinator: User) -> PartnershipConcern:
    if not coordinator.has_role(Role.COORDINATOR):
        raise IllegalTransition("Only a coordinator can take up a concern.")
    with transaction.atomic():
        concern = PartnershipConcern.objects.select_for_update().filter(pk=concern_id).first()
        if concern is None:
            raise IllegalTransition("That concern was not found.")
        if concern.taken_up_at is None:
            concern.taken_up_at, concern.taken_up_by = timezone.now(), coordinator
            concern.save(update_fields=["taken_up_at", "taken_up_by"])
    return concern
