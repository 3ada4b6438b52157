import pytest

from alongside.accounts.models import Role
from alongside.audit.models import AuditEvent
from alongside.matching.selectors import matchable_mentors
from alongside.training.models import ApplicationStatus, MentorApplication
from alongside.training.services import PathwayError, application_decide, application_submit
from tests.conftest import make_person
from tests.matching.helpers import complete_profile
from tests.training.helpers import complete_pathway


@pytest.fixture
def applicant(mentor):
    complete_pathway(mentor)
    return mentor


@pytest.fixture
def submitted(applicant):
    application_submit(mentor=applicant)
    return applicant


def _decide(client, mentor, decision, reason="Talked it through."):
    return client.post(
        f"/coordinator/applicants/{mentor.pk}/decide/", {"decision": decision, "reason": reason}
    )


def _status(mentor):
    return MentorApplication.objects.get(mentor=mentor).status


def test_submitting_lists_what_is_missing(login, mentor):
    client = login(mentor)
    response = client.post("/mentor/application/submit/", follow=True)
    content = response.content.decode()
    assert "pass every training module (0 of 2 passed)" in content
    assert "submit your readiness reflection" in content
    assert "sign the current code of conduct" in content
    assert not MentorApplication.objects.exists()


def test_a_complete_applicant_can_submit(login, applicant):
    login(applicant).post("/mentor/application/submit/")
    assert _status(applicant) == ApplicationStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="application.submit").exists()


def test_a_decision_needs_a_reason(login, submitted, coordinator):
    response = _decide(login(coordinator), submitted, "approve", reason="  ")
    assert response.status_code == 400
    assert "Please give a reason" in response.content.decode()
    assert _status(submitted) == ApplicationStatus.SUBMITTED


@pytest.mark.parametrize(
    ("decision", "status"),
    [
        ("approve", ApplicationStatus.APPROVED),
        ("decline", ApplicationStatus.DECLINED),
        ("request_changes", ApplicationStatus.CHANGES_REQUESTED),
    ],
)
def test_coordinator_decisions_are_recorded_with_reason_and_audit(
    login, submitted, coordinator, decision, status
):
    _decide(login(coordinator), submitted, decision, reason="Reason given")
    application = MentorApplication.objects.get(mentor=submitted)
    assert application.status == status
    assert (application.decision_reason, application.decided_by) == ("Reason given", coordinator)
    event = AuditEvent.objects.get(action=f"mentor.{decision}")
    assert (event.actor_id, event.subject_id) == (coordinator.pk, submitted.pk)
    # The log says a reason was given and keeps its words encrypted beside it, never in it.
    assert event.reason.startswith("encrypted:") and "Reason" not in event.reason
    assert event.reason_note.text == "Reason given"
    home = login(submitted).get("/mentor/").content.decode()
    assert application.get_status_display() in home
    if decision != "approve":  # the applicant sees why, and their next step
        assert "Reason given" in home


def test_changes_requested_lets_the_applicant_submit_again(login, submitted, coordinator):
    _decide(login(coordinator), submitted, "request_changes")
    login(submitted).post("/mentor/application/submit/")
    assert _status(submitted) == ApplicationStatus.SUBMITTED


def test_suspend_and_reinstate_change_only_matchability(login, submitted, coordinator):
    complete_profile(submitted)
    client = login(coordinator)
    _decide(client, submitted, "approve")
    assert submitted in matchable_mentors()
    _decide(client, submitted, "suspend", reason="Self-care break")
    assert _status(submitted) == ApplicationStatus.SUSPENDED
    assert submitted not in matchable_mentors()
    assert submitted.mentor_profile.is_complete  # nothing else was touched
    _decide(client, submitted, "reinstate", reason="Back and well")
    assert submitted in matchable_mentors()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"mentor.suspend", "mentor.reinstate"} <= actions


def test_an_illegal_decision_is_refused(login, applicant, coordinator):
    client = login(coordinator)
    response = client.post(f"/coordinator/applicants/{applicant.pk}/decide/",
                           {"decision": "approve", "reason": "early"}, follow=True)  # fmt: skip
    assert "cannot be given that decision" in response.content.decode()
    assert not MentorApplication.objects.filter(status=ApplicationStatus.APPROVED).exists()
    with pytest.raises(PathwayError, match="cannot be given that decision"):
        application_decide(mentor=applicant, by=coordinator, decision="suspend", reason="x")


def test_a_coordinator_cannot_approve_their_own_application(login, db):
    both = make_person("cody@example.org", "Cody", Role.COORDINATOR, Role.MENTOR, totp=True)
    complete_pathway(both)
    application_submit(mentor=both)
    client = login(both)
    page = client.get(f"/coordinator/applicants/{both.pk}/").content.decode()
    assert "Another coordinator must decide" in page
    client.post(f"/coordinator/applicants/{both.pk}/decide/",
                {"decision": "approve", "reason": "me"}, follow=True)  # fmt: skip
    assert _status(both) == ApplicationStatus.SUBMITTED
    with pytest.raises(PathwayError, match="your own mentor application"):
        application_decide(mentor=both, by=both, decision="approve", reason="me")


def test_interview_notes_are_saved_encrypted_and_audited(login, submitted, coordinator):
    login(coordinator).post(
        f"/coordinator/applicants/{submitted.pk}/notes/", {"notes": "Warm, clear boundaries"}
    )
    application = MentorApplication.objects.get(mentor=submitted)
    assert application.interview_notes == "Warm, clear boundaries"
    assert application.notes_updated_at is not None
    assert AuditEvent.objects.filter(action="mentor.interview_notes").exists()
    raw = MentorApplication.objects.filter(pk=application.pk).values_list(
        "interview_notes", flat=True
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT interview_notes FROM training_mentorapplication")
        assert "Warm" not in cursor.fetchone()[0]
    assert list(raw)


def _applicants(n):
    people = []
    for i in range(n):
        person = make_person(f"m{i}@example.org", f"Mentor {i}", Role.MENTOR)
        if i % 2:
            complete_pathway(person)
            application_submit(mentor=person)
        people.append(person)
    return people


@pytest.mark.parametrize("n", [3, 30])
def test_the_queue_shows_each_step_in_constant_queries(
    login, coordinator, django_assert_max_num_queries, n
):
    _applicants(n)
    client = login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get("/coordinator/applicants/")
    content = response.content.decode()
    assert content.count("Submitted for review") == n // 2
    assert content.count("2/2") == n // 2
    assert "Mentor 0" in content
