"""Ending well, ending now, and ending for safety: each through the lifecycle table."""

import pytest

from alongside.audit.models import AuditEvent
from alongside.matching.selectors import suggestions_for
from alongside.matching.services import MatchingError, mentor_request_create
from alongside.notices.models import Notice as HeaderNotice
from alongside.partnerships.closing import (
    closing_complete,
    closing_plan_save,
    closing_propose,
    closing_reflection_save,
    partnership_end_by_coordinator,
    partnership_end_by_peer,
)
from alongside.partnerships.models import (
    ClosingPlan,
    ClosingReflection,
    MentorBlock,
    Notice,
    NoticeKind,
    PartnershipConcern,
    State,
)
from alongside.partnerships.services import IllegalTransition


def _plan(partnership, peer, **extra):
    data = {"last_meeting": "A walk by the river", "take_forward": "Asking for help",
            "community_groups": True, **extra}  # fmt: skip
    return closing_plan_save(partnership=partnership, by=peer, **data)


def test_a_planned_closing_led_by_the_peer(partnership, peer, her_mentor):
    closing = closing_propose(partnership=partnership, by=her_mentor)
    assert closing.state == State.CLOSING and closing.closing_proposed_by == "mentor"
    assert Notice.objects.filter(person=peer, kind=NoticeKind.CLOSING_PROPOSED).exists()
    with pytest.raises(IllegalTransition, match="leads the closing plan"):
        closing_plan_save(partnership=closing, by=her_mentor, last_meeting="x",
                          take_forward="", community_groups=False)  # fmt: skip
    with pytest.raises(IllegalTransition, match="once they have written their plan"):
        closing_complete(partnership=closing, by=her_mentor)
    _plan(closing, peer)
    closed = closing_complete(partnership=closing, by=her_mentor)
    assert closed.state == State.CLOSED and closed.ended_at is not None
    assert Notice.objects.filter(person=peer, kind=NoticeKind.CLOSED).exists()


def test_the_peer_can_close_at_any_point_of_closing(partnership, peer):
    closing = closing_propose(partnership=partnership, by=peer)
    assert closing_complete(partnership=closing, by=peer).state == State.CLOSED


def test_closing_reflections_are_private_unless_shared(
    partnership, peer, her_mentor, client, login
):
    closing = closing_propose(partnership=partnership, by=peer)
    closing_reflection_save(partnership=closing, by=peer, text="I felt heard", shared=False)
    closing_reflection_save(partnership=closing, by=her_mentor, text="Proud of you", shared=True)
    login(her_mentor)
    mentor_page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "I felt heard" not in mentor_page
    login(peer)
    peer_page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Proud of you" in peer_page and "I felt heard" in peer_page  # her own, in her form
    closing_reflection_save(partnership=closing, by=peer, text="I felt heard", shared=True)
    login(her_mentor)
    assert "I felt heard" in client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert ClosingReflection.objects.count() == 2


def test_no_plan_or_reflection_before_closing_and_no_move_the_table_forbids(partnership, peer):
    with pytest.raises(IllegalTransition):
        _plan(partnership, peer)
    with pytest.raises(IllegalTransition):
        closing_reflection_save(partnership=partnership, by=peer, text="early", shared=False)
    with pytest.raises(IllegalTransition):
        closing_complete(partnership=partnership, by=peer)
    closed = partnership_end_by_peer(partnership=partnership, by=peer)
    with pytest.raises(IllegalTransition, match="closed cannot become closing"):
        closing_propose(partnership=closed, by=peer)
    assert not ClosingPlan.objects.exists()


def test_overlong_words_are_refused_and_change_nothing(partnership, peer):
    closing = closing_propose(partnership=partnership, by=peer)
    with pytest.raises(IllegalTransition, match="limit is 2,000"):
        _plan(closing, peer, take_forward="x" * 2001)
    assert not ClosingPlan.objects.exists()


def test_the_peer_ends_now_blocks_and_raises_a_concern(partnership, peer, her_mentor, coordinator):
    ended = partnership_end_by_peer(
        partnership=partnership, by=peer, block=True, concern="He kept asking about my weight"
    )
    assert ended.state == State.CLOSED
    assert MentorBlock.objects.filter(peer=peer, mentor=her_mentor).exists()
    concern = PartnershipConcern.objects.get()
    assert concern.text == "He kept asking about my weight" and concern.raised_by == peer
    assert HeaderNotice.objects.filter(
        recipient=coordinator, headline__contains="raised a concern"
    ).exists()
    told = HeaderNotice.objects.get(recipient=her_mentor, headline="A partnership has ended")
    assert "concern" not in told.body and "block" not in told.body
    assert AuditEvent.objects.filter(action="partnership.block").exists()
    # Never suggested again, and no request can reach him.
    assert her_mentor.pk not in [s.mentor_id for s in suggestions_for(peer)]
    with pytest.raises(MatchingError):
        mentor_request_create(peer=peer, mentor_id=her_mentor.pk)


def test_only_the_peer_can_end_it_this_way(partnership, her_mentor):
    with pytest.raises(IllegalTransition):
        partnership_end_by_peer(partnership=partnership, by=her_mentor)


def test_a_coordinator_ends_it_with_a_reason_and_the_peer_is_told_first(
    partnership, peer, her_mentor, coordinator
):
    with pytest.raises(IllegalTransition, match="reason"):
        partnership_end_by_coordinator(partnership=partnership, coordinator=coordinator, reason="x")
    partnership.refresh_from_db()
    assert partnership.state == State.ACTIVE
    reason = "Conduct concern reported and reviewed with the team"
    partnership_end_by_coordinator(partnership=partnership, coordinator=coordinator, reason=reason)
    event = AuditEvent.objects.get(action="partnership.ended_by_coordinator")
    assert event.reason.startswith("encrypted:") and event.reason_note.text == reason
    told = list(Notice.objects.filter(kind=NoticeKind.ENDED_BY_COORDINATOR).order_by("id"))
    assert [n.person_id for n in told] == [peer.pk, her_mentor.pk]
    assert not HeaderNotice.objects.filter(body__contains="Conduct concern").exists()


def test_a_mentor_cannot_end_it_as_a_coordinator(partnership, her_mentor):
    with pytest.raises(IllegalTransition):
        partnership_end_by_coordinator(
            partnership=partnership, coordinator=her_mentor, reason="I want it to end now"
        )


def test_from_the_pages(client, login, partnership, peer, her_mentor, coordinator):
    login(peer)
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Propose closing" in page and "End the partnership now" in page
    client.post(f"/partnerships/{partnership.pk}/end/", {"block": "on", "concern": ""})
    partnership.refresh_from_db()
    assert partnership.state == State.CLOSED and not PartnershipConcern.objects.exists()
    login(her_mentor)
    assert client.get(f"/partnerships/{partnership.pk}/end/").status_code == 404


def test_a_coordinator_ends_it_from_the_page_and_reads_concerns(
    client, login, partnership, peer, coordinator
):
    login(coordinator)
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "End this partnership for safety or conduct" in page
    short = client.post(f"/partnerships/{partnership.pk}/end-for-safety/", {"reason": "no"})
    assert short.status_code == 200 and "in a sentence" in short.content.decode()
    client.post(
        f"/partnerships/{partnership.pk}/end-for-safety/",
        {"reason": "Safety concern confirmed after review"},
    )
    partnership.refresh_from_db()
    assert partnership.state == State.CLOSED
    PartnershipConcern.objects.create(partnership=partnership, raised_by=peer, text="worry text")
    concerns = client.get("/coordinator/concerns/").content.decode()
    assert "worry text" in concerns
    concern = PartnershipConcern.objects.get()
    client.post(f"/coordinator/concerns/{concern.pk}/taken-up/")
    concern.refresh_from_db()
    assert concern.taken_up_by == coordinator
