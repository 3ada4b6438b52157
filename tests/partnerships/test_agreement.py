"""The agreement: the peer's plan as they share it, the mentor's proposals the peer decides,
the mentor's own boundaries, and a history the peer can read."""

import pytest

from alongside.intake.models import ShareItem
from alongside.intake.selectors import avoid_topics_for_mentor, intake_for
from alongside.intake.services import intake_save
from alongside.partnerships.access import access_partnership_member
from alongside.partnerships.agreement import (
    agreement_for,
    mentor_boundaries_save,
    proposal_add,
    proposal_decide,
)
from alongside.partnerships.models import AgreementChange, AgreementProposal, ProposalStatus
from alongside.partnerships.services import IllegalTransition, partnership_pause

PLAN = {
    "green": {"signs": "sleeping well", "helps": "walks", "mentor": "chat as usual"},
    "red": {"signs": "skipping meals", "helps": "my sister", "mentor": "remind me of my team"},
}


@pytest.fixture
def shared_plan(peer, partnership):
    intake_save(peer=peer, data={
        "lights_plan": PLAN, "avoid_topics": ["numbers"],
        "shared_items": [ShareItem.LIGHTS_GREEN, ShareItem.AVOID_TOPICS],
    })  # fmt: skip
    return partnership


def _views(peer, mentor, partnership):
    return (access_partnership_member(peer, partnership.pk),
            access_partnership_member(mentor, partnership.pk))  # fmt: skip


def test_the_mentor_sees_only_what_the_peer_shares_and_the_peer_sees_it_all(
    peer, her_mentor, shared_plan
):
    peers, mentors = _views(peer, her_mentor, shared_plan)
    mentor_text = " ".join(i.text + " ".join(i.items) for i in agreement_for(mentors).items)
    assert "walks" in mentor_text and "numbers" in mentor_text
    assert "skipping meals" not in mentor_text  # red is not shared
    peer_text = " ".join(i.text + " ".join(i.items) for i in agreement_for(peers).items)
    assert "skipping meals" in peer_text
    assert [p for p, _ in agreement_for(mentors).proposable] == [
        "green_helps",
        "green_mentor",
        "avoid",
    ]


def test_an_accepted_proposal_joins_the_plan_and_a_new_avoid_topic_feeds_the_coach(
    peer, her_mentor, shared_plan
):
    peers, mentors = _views(peer, her_mentor, shared_plan)
    before = AgreementChange.objects.count()  # the fixture's own edit of the plan
    added = proposal_add(view=mentors, by=her_mentor, part="green_helps", text="music")
    topic = proposal_add(view=mentors, by=her_mentor, part="avoid", text="the gym")
    assert intake_for(peer).lights_plan["green"]["helps"] == "walks"  # not until she says so
    proposal_decide(view=peers, by=peer, proposal_id=added.pk, accept=True)
    proposal_decide(view=peers, by=peer, proposal_id=topic.pk, accept=True)
    assert intake_for(peer).lights_plan["green"]["helps"] == "walks\nmusic"
    assert "the gym" in avoid_topics_for_mentor(peer)
    history = [c.summary for c in AgreementChange.objects.all()]
    assert any("proposal was added" in line for line in history)
    assert len(history) == before + 2  # one line each, none more for the intake edit behind it


def test_a_declined_proposal_changes_nothing_and_only_the_peer_decides(
    peer, her_mentor, shared_plan
):
    peers, mentors = _views(peer, her_mentor, shared_plan)
    proposal = proposal_add(view=mentors, by=her_mentor, part="green_mentor", text="call daily")
    with pytest.raises(IllegalTransition):
        proposal_decide(view=mentors, by=her_mentor, proposal_id=proposal.pk, accept=True)
    proposal_decide(view=peers, by=peer, proposal_id=proposal.pk, accept=False)
    assert intake_for(peer).lights_plan["green"]["mentor"] == "chat as usual"
    assert AgreementProposal.objects.get().status == ProposalStatus.DECLINED
    with pytest.raises(IllegalTransition, match="not waiting"):
        proposal_decide(view=peers, by=peer, proposal_id=proposal.pk, accept=True)


def test_a_mentor_cannot_propose_where_the_peer_shares_nothing_or_forge_a_part(
    peer, her_mentor, shared_plan
):
    _, mentors = _views(peer, her_mentor, shared_plan)
    with pytest.raises(IllegalTransition, match="what the peer shares"):
        proposal_add(view=mentors, by=her_mentor, part="red_helps", text="x")
    with pytest.raises(IllegalTransition, match="not recognised"):
        proposal_add(view=mentors, by=her_mentor, part="everything", text="x")
    with pytest.raises(IllegalTransition, match="limit is 1,000"):
        proposal_add(view=mentors, by=her_mentor, part="avoid", text="x" * 1001)
    assert not AgreementProposal.objects.exists()


def test_the_mentors_boundaries_are_theirs_and_the_peer_sees_them(
    peer, her_mentor, shared_plan, client, login
):
    peers, mentors = _views(peer, her_mentor, shared_plan)
    with pytest.raises(IllegalTransition):
        mentor_boundaries_save(view=peers, by=peer, text="mine")
    mentor_boundaries_save(view=mentors, by=her_mentor, text="I reply within a day, not at night")
    login(peer)
    page = client.get(f"/partnerships/{shared_plan.pk}/conversation/").content.decode()
    assert "I reply within a day, not at night" in page
    assert "What changed, and when" in page  # the peer's history


def test_the_peer_editing_their_plan_is_in_the_history(peer, her_mentor, shared_plan):
    intake_save(peer=peer, data={"avoid_topics": ["numbers", "weddings"]})
    intake_save(peer=peer, data={"hopes": "a walk"})  # not part of the agreement
    assert [c.summary for c in AgreementChange.objects.all()] == [
        "Changed the topics to avoid.",
        "Changed the lights plan and the topics to avoid and what is shared with the mentor.",
    ]


def test_a_closed_partnership_keeps_the_agreement_readable_only(peer, her_mentor, shared_plan):
    from alongside.partnerships.closing import partnership_end_by_peer

    partnership_end_by_peer(partnership=shared_plan, by=peer)
    peers, mentors = _views(peer, her_mentor, shared_plan)
    assert not agreement_for(mentors).items  # no longer the former mentor's business
    with pytest.raises(IllegalTransition, match="read but not changed"):
        mentor_boundaries_save(view=mentors, by=her_mentor, text="late")


def test_a_pause_still_allows_the_agreement_to_change(peer, her_mentor, shared_plan):
    partnership_pause(partnership=shared_plan, by=peer)
    _, mentors = _views(peer, her_mentor, shared_plan)
    mentor_boundaries_save(view=mentors, by=her_mentor, text="I am here when you are back")


def test_from_the_pages(client, login, peer, her_mentor, shared_plan):
    login(her_mentor)
    url = f"/partnerships/{shared_plan.pk}/agreement/propose/"
    client.post(url, {"part": "green_helps", "text": "a film night"})
    proposal = AgreementProposal.objects.get()
    login(peer)
    assert "a film night" in client.get(f"/partnerships/{shared_plan.pk}/").content.decode()
    bad = client.post(
        f"/partnerships/{shared_plan.pk}/agreement/proposals/{proposal.pk}/", {"accept": "x"},
        follow=True,
    )  # fmt: skip
    assert "nothing was changed" in bad.content.decode()
    client.post(f"/partnerships/{shared_plan.pk}/agreement/proposals/{proposal.pk}/",
                {"accept": "1"})  # fmt: skip
    assert "a film night" in intake_for(peer).lights_plan["green"]["helps"]
