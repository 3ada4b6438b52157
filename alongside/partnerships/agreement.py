"""The partnership agreement, peer-owned: the peer's lights plan and topics to avoid (from their
intake, shown to the mentor only as the peer shares them), additions the mentor proposes and
the peer accepts or declines, the mentor's own boundaries, and a history the peer can read."""

from dataclasses import dataclass

from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.intake.models import PeerIntake, ShareItem, Step
from alongside.intake.selectors import SharedItem, intake_for, shared_intake
from alongside.intake.services import intake_save
from alongside.intake.signals import intake_changed
from alongside.partnerships.access import PartnershipView
from alongside.partnerships.models import (
    AGREEMENT_TEXT_MAX,
    Agreement,
    AgreementChange,
    AgreementProposal,
    Partnership,
    ProposalPart,
    ProposalStatus,
    Side,
    State,
)
from alongside.partnerships.selectors import current_partnership_for_peer
from alongside.partnerships.services import IllegalTransition

# The intake items that make up the agreement (the rest of the intake is about matching).
AGREEMENT_ITEMS = (
    ShareItem.AVOID_TOPICS, ShareItem.LIGHTS_GREEN, ShareItem.LIGHTS_YELLOW, ShareItem.LIGHTS_RED,
)  # fmt: skip
# Which shared item a proposal part belongs to: a mentor proposes only where they can see.
_PART_ITEM = {
    ProposalPart.GREEN_HELPS: ShareItem.LIGHTS_GREEN,
    ProposalPart.GREEN_MENTOR: ShareItem.LIGHTS_GREEN,
    ProposalPart.YELLOW_HELPS: ShareItem.LIGHTS_YELLOW,
    ProposalPart.YELLOW_MENTOR: ShareItem.LIGHTS_YELLOW,
    ProposalPart.RED_HELPS: ShareItem.LIGHTS_RED,
    ProposalPart.RED_MENTOR: ShareItem.LIGHTS_RED,
    ProposalPart.AVOID: ShareItem.AVOID_TOPICS,
}
_EDITABLE = (State.ACTIVE, State.PAUSED)
# Field names in the intake whose change is a change to the agreement, in the peer's words.
_WATCHED = {
    "lights_plan": "the lights plan",
    "avoid_topics": "the topics to avoid",
    "shared_items": "what is shared with the mentor",
}


@dataclass(frozen=True)
class AgreementView:
    items: list[SharedItem]  # the peer's side as this person may see it
    mentor_boundaries: str
    proposals: list[AgreementProposal]  # waiting for the peer
    history: list[AgreementChange]  # the peer's only
    proposable: list[tuple[str, str]]  # parts the mentor may propose to
    editable: bool


def agreement_for(view: PartnershipView) -> AgreementView:
    """The agreement as this member sees it: the peer sees their whole plan and its history;
    the mentor sees only what the peer shares (and only while the partnership is under way)."""
    partnership = view.partnership
    intake = PeerIntake.objects.filter(peer=partnership.peer).first()
    if view.is_peer:
        everything = intake_for(partnership.peer)
        everything.shared_items = [item.value for item in AGREEMENT_ITEMS]
        items = shared_intake(everything)
    elif view.under_way:
        items = shared_intake(intake)
    else:
        items = []
    items = [item for item in items if item.key in {i.value for i in AGREEMENT_ITEMS}]
    agreement = Agreement.objects.filter(partnership=partnership).first()
    shared = set((intake.shared_items if intake else None) or [])
    pending = AgreementProposal.objects.filter(
        partnership=partnership, status=ProposalStatus.PENDING
    )
    return AgreementView(
        items=items,
        mentor_boundaries=agreement.mentor_boundaries if agreement else "",
        proposals=list(pending),
        history=list(AgreementChange.objects.filter(partnership=partnership)[:50])
        if view.is_peer
        else [],
        proposable=[(p.value, p.label) for p in ProposalPart if _PART_ITEM[p] in shared],
        editable=partnership.state in _EDITABLE,
    )


def _text(text: str, what: str) -> str:
    text = (text or "").strip()
    if len(text) > AGREEMENT_TEXT_MAX:
        raise IllegalTransition(
            f"{what} is {len(text):,} characters; the limit is {AGREEMENT_TEXT_MAX:,}. "
            "Nothing was changed."
        )
    return text


def _editable(partnership: Partnership) -> None:
    if partnership.state not in _EDITABLE:
        raise IllegalTransition(
            f"This partnership is {partnership.get_state_display().lower()}: its agreement "
            "can be read but not changed."
        )


def _record(partnership: Partnership, by: str, summary: str, actor: User, action) -> None:
    AgreementChange.objects.create(partnership=partnership, by=by, summary=summary)
    audit_record(
        action=action, actor=actor, subject=partnership.peer,
        target_type="partnership", target_id=partnership.pk,
    )  # fmt: skip


def mentor_boundaries_save(*, view: PartnershipView, by: User, text: str) -> Agreement:
    """The mentor writes their own boundaries (mutuality); the peer sees them."""
    if view.is_peer:
        raise IllegalTransition("These are the mentor's boundaries; yours are in your plan.")
    _editable(view.partnership)
    text = _text(text, "Your boundaries")
    with transaction.atomic():
        agreement, _ = Agreement.objects.get_or_create(partnership=view.partnership)
        agreement.mentor_boundaries, agreement.updated_at = text, timezone.now()
        agreement.save()
        _record(view.partnership, Side.MENTOR, "The mentor updated their boundaries.", by,
                Action.AGREEMENT_UPDATE)  # fmt: skip
    return agreement


def proposal_add(*, view: PartnershipView, by: User, part: str, text: str) -> AgreementProposal:
    """The mentor proposes an addition to a part of the plan the peer shares with them."""
    if view.is_peer:
        raise IllegalTransition("Your plan is yours to change directly, from your intake.")
    _editable(view.partnership)
    if part not in ProposalPart.values:
        raise IllegalTransition("That part of the plan was not recognised. Nothing was changed.")
    intake = PeerIntake.objects.filter(peer=view.partnership.peer).first()
    if intake is None or _PART_ITEM[ProposalPart(part)] not in (intake.shared_items or []):
        raise IllegalTransition("You can propose additions to what the peer shares with you.")
    text = _text(text, "The addition")
    if not text:
        raise IllegalTransition("Please write the addition first. Nothing was changed.")
    with transaction.atomic():
        proposal = AgreementProposal.objects.create(
            partnership=view.partnership, part=part, text=text
        )
        audit_record(
            action=Action.AGREEMENT_PROPOSE, actor=by, subject=view.partnership.peer,
            target_type="agreement_proposal", target_id=proposal.pk,
        )  # fmt: skip
    return proposal


def proposal_decide(*, view: PartnershipView, by: User, proposal_id, accept: bool):
    """The peer accepts (it is added to their plan) or declines a mentor's proposal."""
    if not view.is_peer:
        raise IllegalTransition(f"{view.partnership.peer.display_name} decides on additions.")
    _editable(view.partnership)
    with transaction.atomic():
        proposal = (
            AgreementProposal.objects.select_for_update()
            .filter(partnership=view.partnership, pk=proposal_id)
            .first()
        )
        if proposal is None or proposal.status != ProposalStatus.PENDING:
            raise IllegalTransition("That proposal is not waiting for a decision.")
        proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_at"])
        if accept:
            _add_to_plan(view.partnership.peer, proposal)
        word = "added" if accept else "declined"
        AgreementChange.objects.create(
            partnership=view.partnership, by=Side.PEER,
            summary=f"{proposal.get_part_display()}: the mentor's proposal was {word}.",
        )  # fmt: skip
        audit_record(
            action=Action.AGREEMENT_DECIDE, actor=by, subject=by,
            target_type="agreement_proposal", target_id=proposal.pk,
        )  # fmt: skip
    return proposal


def _add_to_plan(peer: User, proposal: AgreementProposal) -> None:
    intake = intake_for(peer)
    if proposal.part == ProposalPart.AVOID:
        topics = list(intake.avoid_topics or [])
        if proposal.text not in topics:
            topics.append(proposal.text)
        intake_save(peer=peer, data={"avoid_topics": topics}, step=Step.HOPES, announce=False)
        return
    light, part = proposal.part.split("_")
    plan = {k: dict(v) for k, v in (intake.lights_plan or {}).items()}
    current = (plan.get(light) or {}).get(part, "")
    plan.setdefault(light, {})[part] = f"{current}\n{proposal.text}".strip()
    intake_save(peer=peer, data={"lights_plan": plan}, step=Step.LIGHTS, announce=False)


@receiver(intake_changed)
def _peer_changed_their_plan(sender, peer, changed, **kwargs):
    """The peer edited their plan in the intake: note it in the agreement's history."""
    what = [words for field, words in _WATCHED.items() if field in changed]
    partnership = current_partnership_for_peer(peer)
    if not what or partnership is None:
        return
    AgreementChange.objects.create(
        partnership=partnership, by=Side.PEER, summary="Changed " + " and ".join(what) + "."
    )
