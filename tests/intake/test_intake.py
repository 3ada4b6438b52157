import pytest
from django.db import connection
from django.test import Client

from alongside.audit.models import AuditEvent
from alongside.intake.models import PeerIntake
from alongside.intake.selectors import avoid_topics_for_mentor, shared_intake
from tests.intake.helpers import save_intake, step_data, step_url
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
    """Every stored value of the row but its timestamps, whose digits ("...620450+00:00") could
    contain a marker such as "50+" by chance."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_peerintake WHERE id = %s", [pk])
        names = [column[0] for column in cursor.description]
        row = cursor.fetchone()
        return " ".join(
            str(v) for name, v in zip(names, row, strict=True) if not name.endswith("_at")
        )


def test_a_peer_saves_and_then_edits_their_intake(login, peer):
    client = login(peer)
    assert save_intake(client, FORM).url == "/peer/intake/review/"
    intake = PeerIntake.objects.get(peer=peer)
    assert intake.avoid_topics == ["calorie-marker", "mirrors"]
    assert intake.lights_plan["yellow"]["helps"] == "a-lights-marker"
    assert intake.shared_items == []
    client.post(step_url("hopes"), {**step_data("hopes", FORM), "hopes": "changed my mind",
                                    "avoid_topics": ""})  # fmt: skip
    intake.refresh_from_db()
    assert (intake.hopes, intake.avoid_topics) == ("changed my mind", [])
    assert intake.lights_plan["yellow"]["helps"] == "a-lights-marker"  # other steps untouched
    assert "changed my mind" in client.get(step_url("hopes")).content.decode()
    assert AuditEvent.objects.filter(action="intake.update", subject_id=peer.pk).count() == 7


def test_every_answer_is_optional(login, peer):
    assert save_intake(login(peer), {}).url == "/peer/intake/review/"
    intake = PeerIntake.objects.get(peer=peer)
    assert intake.hopes == "" and intake.is_complete


def test_the_pages_say_nothing_is_shared_until_ticked(login, peer):
    client = login(peer)
    for step in ("hopes", "sharing"):
        page = client.get(step_url(step)).content.decode()
        assert "Nothing here is shared with a mentor until you tick it" in page
    assert "<h1>What your mentor may see</h1>" in client.get(step_url("sharing")).content.decode()


def test_private_answers_are_encrypted_at_rest(login, peer):
    save_intake(
        login(peer),
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


def _snapshot():
    intake = PeerIntake.objects.get()
    names = [f.name for f in PeerIntake._meta.fields if f.name != "updated_at"]
    return {name: getattr(intake, name) for name in names}


# (step, a bad field and value, another answer on the same step that must not be saved either)
BAD_INPUT = [
    ("meeting", "meeting_modes", "in_person", "preferred_times", ["sun-morning"],
     "where you could meet in person"),
    ("hopes", "avoid_topics", "\n".join(f"t{i}" for i in range(21)), "hopes", "new",
     "at most 20 topics"),
    ("hopes", "avoid_topics", "x" * 81, "hopes", "new", "80 characters"),
    ("hopes", "hopes", "x" * 2001, "talk_about", "new", "at most 2000 characters"),
    ("lights", "red_signs", "x" * 1001, "green_helps", "new", "at most 1000 characters"),
    ("experience", "languages", "klingon", "lived_experience", ["arfid"],
     "is not one of the choices"),
    ("mentor", "prefer_age_range", "12-17", "prefer_culture", "new", "is not one of the choices"),
    ("sharing", "shared_items", "everything", "shared_items", ["hopes", "everything"],
     "is not one of the choices"),
]  # fmt: skip


@pytest.mark.parametrize(("step", "field", "value", "other", "other_value", "message"), BAD_INPUT)
def test_bad_input_on_a_step_is_explained_there_and_changes_nothing(
    login, peer, step, field, value, other, other_value, message
):
    client = login(peer)
    save_intake(client, FORM)
    before = _snapshot()
    audits = AuditEvent.objects.count()
    data = {**step_data(step, FORM), other: other_value, field: value, "then": "next"}
    response = client.post(step_url(step), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Nothing on this step was saved" in page
    assert _snapshot() == before
    assert AuditEvent.objects.count() == audits


def test_bad_input_on_a_first_visit_saves_no_step(login, peer):
    response = login(peer).post(step_url("meeting"), {"meeting_modes": ["in_person"]})
    assert response.status_code == 400
    assert not PeerIntake.objects.filter(peer=peer).exists()


def test_only_ticked_items_are_shared(login, peer):
    save_intake(login(peer), {**FORM, "shared_items": ["talk_about", "lights_yellow"]})
    intake = PeerIntake.objects.get()
    shown = {item.key: item for item in shared_intake(intake)}
    assert set(shown) == {"talk_about", "lights_yellow"}
    assert "a-lights-marker" in shown["lights_yellow"].text
    assert "a-private-hope-marker" not in str(shown)
    assert avoid_topics_for_mentor(peer) == []


def test_avoid_topics_reach_the_mentor_only_when_shared(login, peer):
    client = login(peer)
    save_intake(client, FORM)
    assert avoid_topics_for_mentor(peer) == []
    client.post(step_url("sharing"), {"shared_items": ["avoid_topics"]})
    assert avoid_topics_for_mentor(peer) == ["calorie-marker", "mirrors"]


def test_a_mentor_sees_shared_items_only_once_a_request_arrives(login, peer, mentor, coordinator):
    make_matchable(mentor, coordinator)
    alice = login(peer)
    save_intake(alice, {**FORM, "shared_items": ["hopes"]})
    bob = Client()
    bob.force_login(mentor)
    assert "a-private-hope-marker" not in bob.get("/mentor/requests/").content.decode()
    alice.post(f"/peer/mentors/{mentor.pk}/request/", {"note": ""})
    page = bob.get("/mentor/requests/").content.decode()
    assert "a-private-hope-marker" in page
    assert "a-talk-marker" not in page and "calorie-marker" not in page
