"""Each home page leads with one next step; the decision is a pure function per role."""

from types import SimpleNamespace

import pytest

from alongside.home.next_step import coordinator_next_step, mentor_next_step, peer_next_step
from alongside.training.models import MentorApplication
from alongside.training.selectors import Pathway
from alongside.training.services import application_decide, application_submit
from tests.training.helpers import complete_pathway

MENTOR = SimpleNamespace(display_name="Sam")
PEER = SimpleNamespace(display_name="Robin")


def _partnership(state="active", pk=7):
    return SimpleNamespace(pk=pk, state=state, mentor=MENTOR, peer=PEER)


OPEN_7 = ("Open your partnership", "/partnerships/7/")
SUBMIT = ("Submit my application for review", "/mentor/application/submit/")
SIGN = ("Read and sign the code of conduct", "/mentor/code/")

# --- Peers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intake_saved", "pending", "current", "label", "url"),
    [
        (False, None, None, "Tell us what you hope for", "/peer/intake/"),
        (True, None, None, "Choose a mentor", "/peer/mentors/"),
        (True, SimpleNamespace(mentor=MENTOR), None, "", ""),
        (False, None, _partnership(), *OPEN_7),
        (True, SimpleNamespace(mentor=MENTOR), _partnership(), *OPEN_7),
    ],
)  # fmt: skip
def test_peer_next_step(intake_saved, pending, current, label, url):
    step = peer_next_step(
        intake_saved=intake_saved, pending_request=pending, current_partnership=current
    )
    assert (step.label, step.url) == (label, url)
    assert step.has_action == bool(label)


def test_a_waiting_request_is_said_plainly():
    step = peer_next_step(
        intake_saved=True, pending_request=SimpleNamespace(mentor=MENTOR), current_partnership=None
    )
    assert "request to Sam is waiting" in step.text


# --- Mentors -------------------------------------------------------------------------------------

MODULE = SimpleNamespace(slug="listening", title="Listening well")


def _steps(status="in_progress", *, passed=2, total=2, reflection=True, signed=True, nxt=None):
    missing = []
    if passed < total:
        missing.append("pass every training module")
    if not reflection:
        missing.append("submit your readiness reflection")
    if not signed:
        missing.append("sign the current code of conduct")
    application = MentorApplication(status=status)
    return Pathway(passed, total, reflection, signed, application, tuple(missing), nxt)


def _mentor(steps, *, profile_complete=True, incoming=0, partnerships=()):
    return mentor_next_step(
        steps=steps,
        profile_complete=profile_complete,
        incoming_count=incoming,
        partnerships=list(partnerships),
    )


@pytest.mark.parametrize(
    ("steps", "kwargs", "label", "url"),
    [
        (_steps(passed=0, nxt=MODULE), {},
         "Continue your training", "/mentor/training/listening/"),
        (_steps(reflection=False), {}, "Write your readiness reflection", "/mentor/reflection/"),
        (_steps(signed=False), {}, *SIGN),
        (_steps(), {}, *SUBMIT),
        (_steps("changes_requested"), {}, *SUBMIT),
        (_steps("submitted"), {}, "", ""),
        (_steps("declined"), {}, "", ""),
        (_steps("suspended"), {"partnerships": [_partnership()]}, "", ""),
        (_steps("approved"), {"incoming": 2, "partnerships": [_partnership()]},
         "See requests", "/mentor/requests/"),
        (_steps("approved"), {"partnerships": [_partnership("closed", 3), _partnership(pk=9)]},
         "Open your partnership", "/partnerships/9/"),
        (_steps("approved", signed=False), {}, *SIGN),
        (_steps("approved"), {"profile_complete": False},
         "Complete your profile", "/mentor/profile/"),
        (_steps("approved"), {}, "", ""),
    ],
)  # fmt: skip
def test_mentor_next_step(steps, kwargs, label, url):
    step = _mentor(steps, **kwargs)
    assert (step.label, step.url) == (label, url)


def test_submitting_is_a_form_not_a_link():
    assert _mentor(_steps()).post
    assert not _mentor(_steps(reflection=False)).post


def test_unpublished_training_says_so_without_a_button():
    step = _mentor(_steps(passed=0, total=0))
    assert not step.has_action and "not published" in step.text


def test_requests_waiting_are_counted():
    assert _mentor(_steps("approved"), incoming=1).text.startswith("1 peer asked")
    assert _mentor(_steps("approved"), incoming=3).text.startswith("3 peers asked")


# --- Coordinators --------------------------------------------------------------------------------


def test_coordinator_next_step_is_the_queue_when_urgent_escalations_wait():
    assert coordinator_next_step(urgent_waiting=0) is None
    step = coordinator_next_step(urgent_waiting=2)
    assert (step.label, step.url) == ("Open the escalation queue", "/coordinator/escalations/")
    assert "2 urgent escalations are waiting" in step.text


# --- The pages -----------------------------------------------------------------------------------


def _first_section(page: str) -> str:
    start = page.index('class="card next-step"')
    return page[start : page.index("</section>", start)]


def test_a_new_peer_is_asked_first_what_they_hope_for(login, peer):
    page = login(peer).get("/peer/").content.decode()
    assert "Tell us what you hope for" in _first_section(page)
    assert page.index("next-step") < page.index("What you can do")


def test_a_new_mentor_is_led_to_the_first_module(login, mentor):
    page = login(mentor).get("/mentor/").content.decode()
    assert "Continue your training" in _first_section(page)
    assert 'href="/mentor/training/' in _first_section(page)


def test_a_coordinator_without_urgent_escalations_sees_no_queue_button(login, coordinator):
    page = login(coordinator).get("/coordinator/").content.decode()
    assert "Open the escalation queue" not in page


# --- The coordinator's message to an applicant ---------------------------------------------------


def _decided(mentor, coordinator, decision, reason):
    complete_pathway(mentor)
    application_submit(mentor=mentor)
    application_decide(mentor=mentor, by=coordinator, decision=decision, reason=reason)


def test_an_approved_mentor_sees_the_coordinators_message(login, mentor, other_mentor, coordinator):
    _decided(mentor, coordinator, "approve", "Welcome aboard; we meet on Thursdays.")
    page = login(mentor).get("/mentor/").content.decode()
    assert "Welcome aboard; we meet on Thursdays." in page
    other = login(other_mentor).get("/mentor/").content.decode()
    assert "Welcome aboard" not in other


def test_an_applicant_asked_for_changes_sees_what_to_change(
    login, mentor, other_mentor, coordinator
):
    _decided(mentor, coordinator, "request_changes", "Please say more about boundaries.")
    page = login(mentor).get("/mentor/").content.decode()
    assert "What to change" in page
    assert "Please say more about boundaries." in page
    assert "Submit my application for review" in _first_section(page)
    assert "Please say more" not in login(other_mentor).get("/mentor/").content.decode()
