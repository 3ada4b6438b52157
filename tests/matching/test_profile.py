import pytest
from django.utils.html import escape

from alongside.matching import coach
from alongside.matching.forms import MentorProfileForm
from alongside.matching.models import MentorProfile
from alongside.matching.selectors import matchable_mentors, public_profile
from alongside.training.services import application_decide, application_submit
from tests.matching.helpers import COMPLETE, complete_profile
from tests.training.helpers import complete_pathway

FORM = {**COMPLETE, "caseload_cap": "2"}


def test_a_mentor_saves_their_own_profile(login, mentor):
    response = login(mentor).post("/mentor/profile/", FORM)
    assert response.status_code == 200
    profile = MentorProfile.objects.get(mentor=mentor)
    assert profile.is_complete and profile.lived_experience == ["bulimia", "body_image"]


def test_a_forged_user_id_is_ignored(login, mentor, other_mentor):
    login(mentor).post("/mentor/profile/", {**FORM, "mentor": other_mentor.pk,
                                            "user_id": other_mentor.pk})  # fmt: skip
    assert MentorProfile.objects.get().mentor == mentor
    assert not MentorProfile.objects.filter(mentor=other_mentor).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("caseload_cap", "4", "at most 3 peers"),
        ("caseload_cap", "0", "greater than or equal to 1"),
        ("lived_experience", "astrology", "is not one of the choices"),
        ("meeting_modes", "in_person", "where you can meet in person"),
        ("about_me", "x" * 1501, "at most 1500 characters"),
        ("about_me", "   ", "Write a few words about yourself"),
    ],
)
def test_invalid_profile_input_changes_nothing(login, mentor, field, value, message):
    response = login(mentor).post("/mentor/profile/", {**FORM, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MentorProfile.objects.exists()


def test_public_profile_hides_unshared_facets(mentor):
    profile = complete_profile(
        mentor, gender="Non-binary", share_gender=False, culture="Métis", share_culture=True,
        age_range="25-34", share_age_range=False, lgbtq2s=True, share_lgbtq2s=False,
    )  # fmt: skip
    shown = public_profile(profile)
    assert shown["culture"] == "Métis"
    assert "Non-binary" not in str(shown) and "25 to 34" not in str(shown)
    assert "gender" not in shown and "age_range" not in shown and "lgbtq2s" not in shown


def _approved(mentor, coordinator):
    complete_pathway(mentor)
    application_submit(mentor=mentor)
    application_decide(mentor=mentor, by=coordinator, decision="approve", reason="Ready")


@pytest.mark.parametrize(
    ("approved", "signed_current", "complete", "paused", "matchable"),
    [
        (True, True, True, False, True),
        (False, True, True, False, False),
        (True, False, True, False, False),
        (True, True, False, False, False),
        (True, True, True, True, False),
    ],
)
def test_matchable_needs_approval_current_code_complete_profile_and_no_pause(
    mentor, coordinator, training_content, approved, signed_current, complete, paused, matchable
):
    if approved:
        _approved(mentor, coordinator)
    else:
        complete_pathway(mentor)
    if complete:
        complete_profile(mentor, is_paused=paused)
    else:
        complete_profile(mentor, about_me="", is_paused=paused)
    if not signed_current:
        from alongside.training.content import clear_content_cache

        (training_content / "code-of-conduct" / "v3.md").write_text(
            '+++\nversion = 3\ntitle = "Code"\n+++\nNew commitments.\n'
        )
        clear_content_cache()
    assert (mentor in matchable_mentors()) is matchable


def test_the_coach_has_nothing_to_say_about_kind_words():
    assert coach.coach_notes("I love walks with my dog and I listen without judging.") == []
    assert coach.coach_notes("   ") == []


def test_the_coach_points_at_the_words_it_flags():
    notes = coach.coach_notes("You look so healthy now, I can tell you're doing great.")
    assert [note.category for note in notes] == ["body_talk"]
    assert "look" in notes[0].excerpt and notes[0].suggestion


def test_coach_notes_show_while_editing_and_never_block_saving(login, mentor):
    text = "I used to weigh 45 kg and I know exactly how you feel."
    client = login(mentor)
    partial = client.post("/mentor/profile/coach/", {"about_me": text}).content.decode()
    expected = {escape(note.explanation) for note in coach.coach_notes(text)}
    assert expected and all(explanation in partial for explanation in expected)
    response = client.post("/mentor/profile/", {**FORM, "about_me": text})
    assert next(iter(expected)) in response.content.decode()
    assert MentorProfile.objects.get().about_me == text


def test_matchable_needs_free_capacity(mentor, coordinator, peer, db):
    from alongside.partnerships.models import State
    from alongside.partnerships.services import partnership_start, partnership_transition
    from tests.conftest import make_person
    from tests.matching.helpers import make_matchable

    make_matchable(mentor, coordinator, caseload_cap=2)
    first = partnership_start(peer=peer, mentor=mentor, by=mentor)
    assert mentor in matchable_mentors()
    other_peer = make_person("dana@example.org", "Dana", "peer")
    second = partnership_start(peer=other_peer, mentor=mentor, by=mentor)
    assert mentor not in matchable_mentors()
    partnership_transition(partnership=second, to=State.PAUSED, by=other_peer)
    assert mentor not in matchable_mentors()  # a paused partnership still holds its place
    partnership_transition(partnership=first, to=State.CLOSED, by=peer)
    assert mentor in matchable_mentors()


def test_health_and_identity_details_are_encrypted_at_rest(login, mentor):
    from django.db import connection

    login(mentor).post(
        "/mentor/profile/",
        {**FORM, "lived_experience": ["later_life"], "gender": "gender-marker",
         "culture": "culture-marker", "age_range": "50+", "lgbtq2s": "on"},
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM matching_mentorprofile")
        raw = " ".join(str(value) for value in cursor.fetchone())
    for marker in ("later_life", "gender-marker", "culture-marker", "50+"):
        assert marker not in raw
    profile = MentorProfile.objects.get()
    assert (profile.lgbtq2s, profile.age_range, profile.culture) == (True, "50+", "culture-marker")


def test_a_lowered_program_maximum_binds_mentors_who_saved_a_higher_cap(
    mentor, coordinator, peer, settings, db
):
    from alongside.matching.selectors import candidate_from, profile_for
    from alongside.matching.services import (
        MatchingError,
        mentor_request_accept,
        mentor_request_create,
    )
    from alongside.partnerships.services import partnership_start
    from tests.conftest import make_person
    from tests.matching.helpers import make_matchable

    settings.MENTOR_CASELOAD_MAX = 3
    make_matchable(mentor, coordinator, caseload_cap=3)
    partnership_start(peer=peer, mentor=mentor, by=mentor)
    dana = make_person("dana@example.org", "Dana", "peer")
    waiting = mentor_request_create(peer=dana, mentor_id=mentor.pk)
    settings.MENTOR_CASELOAD_MAX = 1  # the program lowers its maximum afterwards
    assert mentor not in matchable_mentors()
    with pytest.raises(MatchingError):
        mentor_request_accept(mentor=mentor, mentor_request=waiting)
    assert candidate_from(profile_for(mentor), load=0).cap == 1
    assert MentorProfileForm.initial_from(profile_for(mentor))["caseload_cap"] == 1
