"""Stepping back and resuming: who paused decides who may resume, and both see what it means."""

import pytest

from alongside.audit.models import AuditEvent
from alongside.partnerships.models import PAUSE_NOTE_MAX, Notice, NoticeKind, State
from alongside.partnerships.services import (
    IllegalTransition,
    partnership_pause,
    partnership_resume,
    partnership_transition,
)


def _url(partnership, move):
    return f"/partnerships/{partnership.pk}/{move}/"


def test_peer_can_step_back_without_reason(login, partnership, peer):
    response = login(peer).post(_url(partnership, "step-back"))
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.state == State.PAUSED and partnership.paused_by == "peer"
    assert partnership.pause_note == ""
    assert AuditEvent.objects.filter(action="partnership.paused", actor_id=peer.pk).exists()


def test_the_mentor_is_told_kindly_once(login, partnership, peer, mentor):
    login(peer).post(_url(partnership, "step-back"))
    notice = Notice.objects.get(person=mentor)
    assert notice.kind == NoticeKind.STEPPED_BACK
    page = login(mentor).get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Alice has stepped back for now" in page and "needs no reason" in page
    assert "Resume</button>" not in page  # only Alice can lift her own step back
    again = login(mentor).get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "Nothing is needed from you" not in again  # seen, so not shown again


def test_a_peers_words_are_never_kept_as_a_reason(partnership, peer):
    paused = partnership_pause(partnership=partnership, by=peer, note="I just need a break")
    assert paused.pause_note == ""


def test_no_message_can_be_sent_while_paused(login, partnership, peer, mentor):
    from alongside.conversations.models import Message

    partnership_pause(partnership=partnership, by=peer)
    for person in (peer, mentor):
        login(person).post(
            f"/partnerships/{partnership.pk}/conversation/send/",
            {"body": "hello", "client_id": "6f1c8f4e-1d5c-4a2b-9a51-3d8e1f0b2c7a"},
        )
    assert not Message.objects.exists()


def test_only_the_peer_can_resume_a_peers_step_back(login, partnership, peer, mentor):
    partnership_pause(partnership=partnership, by=peer)
    response = login(mentor).post(_url(partnership, "resume"), follow=True)
    assert "only they can resume" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.state == State.PAUSED
    login(peer).post(_url(partnership, "resume"))
    partnership.refresh_from_db()
    assert partnership.state == State.ACTIVE and partnership.paused_by == ""
    assert Notice.objects.filter(person=mentor, kind=NoticeKind.RESUMED).exists()


@pytest.mark.parametrize("who", ["peer", "mentor"])
def test_either_can_resume_a_mentors_pause(request, partnership, mentor, who):
    partnership_pause(partnership=partnership, by=mentor, note="Away for a family matter")
    person = request.getfixturevalue(who)
    assert partnership_resume(partnership=partnership, by=person).state == State.ACTIVE


def test_the_mentors_note_reaches_coordinators_and_never_the_peer(
    login, partnership, peer, mentor, coordinator
):
    login(mentor).post(_url(partnership, "step-back"), {"note": "note-for-coordinators"})
    partnership.refresh_from_db()
    assert partnership.paused_by == "mentor"
    assert (
        "note-for-coordinators"
        in login(coordinator).get(f"/partnerships/{partnership.pk}/").content.decode()
    )
    peer_page = login(peer).get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "note-for-coordinators" not in peer_page
    assert "Bob has paused your partnership" in peer_page


def test_a_note_over_the_limit_changes_nothing(login, partnership, mentor):
    response = login(mentor).post(
        _url(partnership, "step-back"), {"note": "x" * (PAUSE_NOTE_MAX + 1)}, follow=True
    )
    assert "up to 1,000 characters" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.state == State.ACTIVE


def test_the_note_is_encrypted_at_rest(partnership, mentor):
    from django.db import connection

    partnership_pause(partnership=partnership, by=mentor, note="plain-words-marker")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pause_note FROM partnerships_partnership")
        assert "plain-words-marker" not in cursor.fetchone()[0]


def test_resuming_an_active_partnership_is_refused_clearly(login, partnership, peer):
    response = login(peer).post(_url(partnership, "resume"), follow=True)
    assert "not paused" in response.content.decode()


@pytest.mark.parametrize("ended", ["closing", "closed"])
def test_an_ended_partnership_cannot_step_back(partnership, peer, ended):
    partnership_transition(partnership=partnership, to=ended, by=peer)
    with pytest.raises(IllegalTransition, match="cannot become paused"):
        partnership_pause(partnership=partnership, by=peer)
    assert not Notice.objects.exists()


def test_a_paused_partnership_cannot_pause_again(partnership, peer, mentor):
    partnership_pause(partnership=partnership, by=mentor)
    with pytest.raises(IllegalTransition, match="paused cannot become paused"):
        partnership_pause(partnership=partnership, by=peer)
    partnership.refresh_from_db()
    assert partnership.paused_by == "mentor"


def test_someone_outside_cannot_pause(partnership, other_mentor):
    with pytest.raises(IllegalTransition):
        partnership_pause(partnership=partnership, by=other_mentor)


def test_the_conversation_shows_the_pause_calmly(login, partnership, peer, mentor):
    partnership_pause(partnership=partnership, by=peer)
    page = login(peer).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "You stepped back" in page and "Resume from your partnership page" in page
    page = login(mentor).get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "has stepped back for now" in page
