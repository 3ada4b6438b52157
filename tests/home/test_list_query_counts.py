"""Every list page runs the same, exact number of queries with a few rows or many.

The numbers are pinned: a change that adds a query per row, or one more query per page, fails
here and must say why in its commit."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.accounts.models import Role, RoleAssignment, User
from alongside.intake.models import PeerIntake
from alongside.intake.services import intake_save
from alongside.matching.models import MentorRequest
from alongside.partnerships.models import Partnership, State
from alongside.training.models import ApplicationStatus, MentorApplication
from tests.matching.helpers import bulk_matchable_mentors, make_matchable


def _bulk_peers(count: int, start: int = 0) -> list[User]:
    users = User.objects.bulk_create(
        User(email=f"peer{start + i}@example.org", display_name=f"Peer {start + i}")
        for i in range(count)
    )
    RoleAssignment.objects.bulk_create(RoleAssignment(user=u, role=Role.PEER) for u in users)
    PeerIntake.objects.bulk_create(
        PeerIntake(peer=u, hopes="a hope", shared_items=["hopes"]) for u in users
    )
    return users


def grow_suggestions(people, count, start):
    bulk_matchable_mentors(count, start=start)
    intake_save(peer=people["peer"], data={"languages": ["en"]})


def grow_incoming(people, count, start):
    if start == 0:
        make_matchable(people["mentor"], people["coordinator"], caseload_cap=3)
    MentorRequest.objects.bulk_create(
        MentorRequest(peer=p, mentor=people["mentor"]) for p in _bulk_peers(count, start)
    )


def grow_coordinator_requests(people, count, start):
    MentorRequest.objects.bulk_create(
        MentorRequest(peer=p, mentor=people["other_mentor"]) for p in _bulk_peers(count, start)
    )


def grow_applicants(people, count, start):
    mentors = User.objects.bulk_create(
        User(email=f"applicant{start + i}@example.org", display_name=f"Applicant {start + i}")
        for i in range(count)
    )
    RoleAssignment.objects.bulk_create(RoleAssignment(user=u, role=Role.MENTOR) for u in mentors)
    MentorApplication.objects.bulk_create(
        MentorApplication(mentor=u, status=ApplicationStatus.SUBMITTED) for u in mentors
    )


def grow_people(people, count, start):
    _bulk_peers(count, start)


def grow_peer_history(people, count, start):
    Partnership.objects.bulk_create(
        Partnership(peer=people["peer"], mentor=people["other_mentor"], state=State.CLOSED)
        for _ in range(count)
    )


def grow_mentor_partnerships(people, count, start):
    Partnership.objects.bulk_create(
        Partnership(peer=p, mentor=people["mentor"], state=State.CLOSED)
        for p in _bulk_peers(count, start)
    )


# (page, who opens it, how rows are added, text a grown page shows, the exact query count)
LIST_PAGES = [
    ("/peer/mentors/", "peer", grow_suggestions, "Why they may fit", 10),
    ("/mentor/requests/", "mentor", grow_incoming, "Peer 1039", 6),
    ("/coordinator/requests/", "coordinator", grow_coordinator_requests, "Peer 1039", 6),
    ("/coordinator/applicants/", "coordinator", grow_applicants, "Applicant 1039", 7),
    ("/staff/people/", "admin_user", grow_people, "peer1039@example.org", 7),
    # The homes include the upcoming meetings: one query, however many partnerships.
    ("/peer/", "peer", grow_peer_history, "Mallory", 13),
    ("/mentor/", "mentor", grow_mentor_partnerships, "Peer 1039", 15),
]


def _queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


@pytest.mark.parametrize(("url", "persona", "grow", "shows", "expected"), LIST_PAGES)
def test_a_list_page_runs_the_same_queries_for_few_or_many_rows(
    request, login, peer, mentor, other_mentor, coordinator, url, persona, grow, shows, expected
):
    people = {"peer": peer, "mentor": mentor, "other_mentor": other_mentor,
              "coordinator": coordinator}  # fmt: skip
    client = login(request.getfixturevalue(persona))
    grow(people, 2, 0)
    few, _ = _queries(client, url)
    grow(people, 40, 1000)
    many, page = _queries(client, url)
    assert shows in page
    assert (few, many) == (expected, expected)
