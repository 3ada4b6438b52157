"""Before sending, a peer sees the request exactly as the mentor will receive it."""

import html
import re

import pytest
from django.test import Client

from alongside.matching.models import MentorRequest
from tests.intake.helpers import save_intake
from tests.intake.test_intake import FORM as INTAKE
from tests.matching.helpers import make_matchable


@pytest.fixture
def bob(mentor, coordinator):
    make_matchable(mentor, coordinator)
    return mentor


def _as_seen(page: str) -> str:
    """The request block, with the one id that differs (an unsaved request has no number)."""
    block = re.search(r'<div class="request-as-seen">.*?</div>\s', page, re.S)
    assert block, "no request block on the page"
    return re.sub(r'id="request-[^"]+"', 'id="request"', block.group(0))


def test_the_preview_is_exactly_what_the_mentor_receives(login, peer, bob):
    alice = login(peer)
    save_intake(alice, {**INTAKE, "shared_items": ["hopes", "avoid_topics"]})
    note = "Hello Bob,\nI would like to talk about evenings."
    preview = alice.post(f"/peer/mentors/{bob.pk}/request/preview/", {"note": note})
    assert preview.status_code == 200
    previewed = _as_seen(preview.content.decode())
    assert "a-private-hope-marker" in previewed and "calorie-marker" in previewed
    assert "a-talk-marker" not in previewed  # not ticked to share, so not shown
    assert "I would like to talk about evenings." in previewed
    assert not MentorRequest.objects.exists()  # a preview sends nothing

    # What the preview's send button posts is the note that was previewed.
    sent_note = re.search(r'name="note" value="([^"]*)"', preview.content.decode()).group(1)
    alice.post(f"/peer/mentors/{bob.pk}/request/", {"note": html.unescape(sent_note)})
    assert MentorRequest.objects.get().note == note

    bob_client = Client()
    bob_client.force_login(bob)
    received = _as_seen(bob_client.get("/mentor/requests/").content.decode())
    assert previewed == received


def test_the_peer_can_change_the_note_on_the_preview(login, peer, bob):
    alice = login(peer)
    first = alice.post(f"/peer/mentors/{bob.pk}/request/preview/", {"note": "First words"})
    assert "First words" in _as_seen(first.content.decode())
    second = alice.post(f"/peer/mentors/{bob.pk}/request/preview/", {"note": "Better words"})
    page = second.content.decode()
    assert "Better words" in _as_seen(page) and "First words" not in page
    assert 'href="/peer/intake/"' in page  # what they share is changed on their intake


def test_a_note_too_long_is_refused_and_nothing_is_shown_or_sent(login, peer, bob):
    response = login(peer).post(f"/peer/mentors/{bob.pk}/request/preview/", {"note": "x" * 1001})
    assert response.status_code == 400
    assert "request-as-seen" not in response.content.decode()
    assert "at most 1000 characters" in response.content.decode()
    assert not MentorRequest.objects.exists()


def test_a_stranger_cannot_preview_a_request_to_a_mentor_who_is_not_matchable(
    login, peer, other_mentor
):
    response = login(peer).get(f"/peer/mentors/{other_mentor.pk}/request/preview/")
    assert response.status_code == 404


def test_a_mentor_cannot_open_the_preview(login, bob, other_mentor):
    response = login(other_mentor).get(f"/peer/mentors/{bob.pk}/request/preview/")
    assert response.status_code in (302, 403, 404)
    assert "request-as-seen" not in getattr(response, "content", b"").decode()
