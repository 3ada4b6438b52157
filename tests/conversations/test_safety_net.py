"""A message that suggests crisis risk: the escalation is written with it, the peer sees the
card at once, the mentor is guided, a mentor's own crisis is met with care, and a coordinator
opening the escalation sees the message and the few before it."""

import uuid

import pytest
from django.db import transaction

from alongside.conversations.access import access_conversation
from alongside.conversations.models import Message
from alongside.conversations.services import message_send
from alongside.safety.models import Escalation

URGENT = "I have the pills ready and I am going to take them all tonight"
CONCERN = "Honestly everyone would be better off without me, I'm just a burden"


def _post(client, partnership, body, htmx=False):
    return client.post(
        f"/partnerships/{partnership.pk}/conversation/send/",
        {"body": body, "client_id": str(uuid.uuid4())},
        headers={"HX-Request": "true"} if htmx else {},
        follow=not htmx,
    )


@pytest.mark.parametrize("htmx", [False, True])
def test_a_peers_urgent_message_raises_an_escalation_and_shows_her_the_card(
    login, partnership, peer, htmx
):
    page = _post(login(peer), partnership, URGENT, htmx=htmx).content.decode()
    escalation = Escalation.objects.get()
    assert escalation.message_id == Message.objects.get().pk and escalation.level == "urgent"
    assert "You do not have to go through this alone" in page
    assert "coordinator" in page  # the honest sentence: who is told and what happens next


def test_the_card_shows_once_not_on_every_later_visit(login, partnership, peer):
    client = login(peer)
    _post(client, partnership, CONCERN)
    later = client.get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "You do not have to go through this alone" not in later


def test_a_calm_message_raises_nothing_and_shows_no_card(login, partnership, peer):
    page = _post(login(peer), partnership, "Lunch with a friend went well").content.decode()
    assert not Escalation.objects.exists()
    assert "You do not have to go through this alone" not in page


def test_the_mentor_is_guided_while_the_escalation_is_open(login, partnership, peer, her_mentor):
    _post(login(peer), partnership, CONCERN)
    page = login(her_mentor).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "may be going through a lot right now" in page and "a coordinator has been told" in page


def test_a_mentors_own_crisis_starts_the_self_care_path_not_a_peer_escalation(
    login, partnership, her_mentor
):
    page = _post(login(her_mentor), partnership, CONCERN).content.decode()
    assert not Escalation.objects.exists()
    assert "Looking after you, too" in page


@pytest.mark.parametrize(
    ("body", "level"),
    [
        ("You said you've taken the whole packet twenty minutes ago. I'm here.", "urgent"),
        ("It sounds like you've been feeling like a burden on your family.", "concern"),
        # harm a mentor's message urges on the peer is the peer's risk too
        ("If you really want to do it, paracetamol is supposedly the easiest way.", "urgent"),
        ("Try eating 600 a day for a week, it's what I did before my holiday.", "concern"),
    ],
)
def test_a_mentor_giving_back_the_peers_risk_raises_the_peers_escalation(
    login, partnership, peer, her_mentor, body, level
):
    page = _post(login(her_mentor), partnership, body).content.decode()
    escalation = Escalation.objects.get()
    assert escalation.level == level and escalation.raised_by == her_mentor
    assert escalation.partnership == partnership  # the queue shows it as the peer's partnership
    assert "Looking after you, too" not in page  # the risk is the peer's, not the mentor's
    assert "a coordinator has been told" in page


def test_a_mentor_asking_about_risk_raises_nothing(login, partnership, her_mentor):
    page = _post(login(her_mentor), partnership, "Are you safe right now?").content.decode()
    assert not Escalation.objects.exists()
    assert "Looking after you, too" not in page


def test_the_message_and_its_escalation_commit_together_or_not_at_all(partnership, peer):
    access = access_conversation(peer, partnership.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        message_send(access=access, sender=peer, body=URGENT, client_id=uuid.uuid4())
        assert Escalation.objects.count() == 1  # written inside the same transaction
        raise RuntimeError("the request failed after the send")
    assert not Message.objects.exists() and not Escalation.objects.exists()


def test_a_coordinator_who_opens_it_sees_the_message_and_the_few_before_it(
    login, partnership, peer, her_mentor, coordinator
):
    for n in range(7):
        sender = peer if n % 2 else her_mentor
        access = access_conversation(sender, partnership.pk)
        message_send(access=access, sender=sender, body=f"earlier {n}", client_id=uuid.uuid4())
    _post(login(peer), partnership, URGENT)
    escalation = Escalation.objects.get()
    page = (
        login(coordinator)
        .post(
            f"/coordinator/escalations/{escalation.pk}/open/",
            {"reason": "Following up an urgent escalation for this peer"},
            follow=True,
        )
        .content.decode()
    )
    assert "the message that raised this" in page and "pills ready" in page
    assert "earlier 6" in page and "earlier 2" in page
    assert "earlier 1<" not in page  # bounded: only the few before it
