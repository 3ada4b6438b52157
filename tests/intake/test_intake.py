import pytest
from django.db import connection
from django.test import Client

from alongside.audit.models import AuditEvent
from alongside.intake.models import PeerIntake
from alongside.intake.selectors import avoid_topics_for_mentor, shared_intake
from tests.matching.helpers import make_matchable

FORM = {
    "hopes": "a-private-hope-marker",
    "talk_about": "a-talk-marker",
    "avoid_topics": "calorie-marker\n  \nmirrors",
    "lived_experience": ["anorexia"],
    "meeting_modes": ["chat"],
    "languages": ["en"],
    "prefer_gender": "gender-marker",
    "prefer_lgbtq2s": "on",
    "yellow_helps": "a-lights-marker",
}


def _raw_row(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_peerintake WHERE id = %s", [pk])
        return " ".join(str(value) for value in cursor.fetchone())


def test_a_peer_saves_and_then_edits_their_intake(login, peer):
    client = login(peer)
    assert client.post("/peer/intake/", FORM).status_code == 302
    intake = PeerIntake.objects.get(peer=peer)
    assert intake.avoid_topics == ["calorie-marker", "mirrors"]
    assert intake.lights_plan["yellow"]["helps"] == "a-lights-marker"
    assert intake.shared_items == []
    client.post("/peer/intake/", {**FORM, "hopes": "changed my mind", "avoid_topics": ""})
    intake.refresh_from_db()
    assert (intake.hopes, intake.avoid_topics) == ("changed my mind", [])
    assert "changed my mind" in client.get("/peer/intake/").content.decode()
    assert AuditEvent.objects.filter(action="intake.update", subject_id=peer.pk).count() == 2


def test_every_answer_is_optional(login, peer):
    assert login(peer).post("/peer/intake/", {}).status_code == 302
    assert PeerIntake.objects.get(peer=peer).hopes == ""


def test_the_page_says_nothing_is_shared_until_ticked(login, peer):
    page = login(peer).get("/peer/intake/").content.decode()
    assert "Nothing here is shared with a mentor until you tick it" in page
    assert "<legend>What your mentor may see</legend>" in page


def test_private_answers_are_encrypted_at_rest(login, peer):
    login(peer).post(
        "/peer/intake/",
        {**FORM, "meeting_modes": ["in_person"], "region": "region-marker",
         "preferred_times": ["wed-morning"], "languages": ["pa"], "prefer_age_range": "50+",
         "shared_items": ["talk_about"]},
    )  # fmt: skip
    raw = _raw_row(PeerIntake.objects.get().pk)
    # Every answer, including how, when, where and in which language the peer would meet,
    # their preferences about a mentor and what they chose to share.
    for marker in ("private-hope", "talk-marker", "calorie", "gender-marker", "lights-marker",
                   "anorexia", "in_person", "region-marker", "wed-morning", '"pa"', "50+",
                   "talk_about"):  # fmt: skip
        assert marker not in raw


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("meeting_modes", "in_person", "where you could meet in person"),
        ("avoid_topics", "\n".join(f"t{i}" for i in range(21)), "at most 20 topics"),
        ("avoid_topics", "x" * 81, "80 characters"),
        ("languages", "klingon", "is not one of the choices"),
        ("shared_items", "everything", "is not one of the choices"),
        ("hopes", "x" * 2001, "at most 2000 characters"),
    ],
)
def test_invalid_intake_changes_nothing(login, peer, field, value, message):
    client = login(peer)
    client.post("/peer/intake/", FORM)
    response = client.post("/peer/intake/", {**FORM, "hopes": "new", field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PeerIntake.objects.get().hopes == "a-private-hope-marker"


def test_only_ticked_items_are_shared(login, peer):
    login(peer).post("/peer/intake/", {**FORM, "shared_items": ["talk_about", "lights_yellow"]})
    intake = PeerIntake.objects.get()
    shown = {item.key: item for item in shared_intake(intake)}
    assert set(shown) == {"talk_about", "lights_yellow"}
    assert "a-lights-marker" in shown["lights_yellow"].text
    assert "a-private-hope-marker" not in str(shown)
    assert avoid_topics_for_mentor(peer) == []


def test_avoid_topics_reach_the_mentor_only_when_shared(login, peer):
    client = login(peer)
    client.post("/peer/intake/", FORM)
    assert avoid_topics_for_mentor(peer) == []
    client.post("/peer/intake/", {**FORM, "shared_items": ["avoid_topics"]})
    assert avoid_topics_for_mentor(peer) == ["calorie-marker", "mirrors"]


def test_a_mentor_sees_shared_items_only_once_a_request_arrives(login, peer, mentor, coordinator):
    make_matchable(mentor, coordinator)
    alice = login(peer)
    alice.post("/peer/intake/", {**FORM, "shared_items": ["hopes"]})
    bob = Client()
    bob.force_login(mentor)
    assert "a-private-hope-marker" not in bob.get("/mentor/requests/").content.decode()
    alice.post(f"/peer/mentors/{mentor.pk}/request/", {"note": ""})
    page = bob.get("/mentor/requests/").content.decode()
    assert "a-private-hope-marker" in page
    assert "a-talk-marker" not in page and "calorie-marker" not in page
