"""Every route of the site, opened by every persona: who reaches it and who is refused.

A new route fails `test_every_route_is_in_the_table` until it is added here with the personas
who may reach it; everyone else must be refused (sent to sign in, 403 or 404)."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from alongside.matching.services import mentor_request_create
from alongside.safety.services import crisis_resource_save, escalation_raise
from alongside.training.content import curriculum
from alongside.training.models import CheckAttempt
from tests.conftest import sign_in
from tests.matching.helpers import make_matchable
from tests.training.helpers import correct_answers, pass_all_modules

PERSONAS = ("anonymous", "peer", "her_mentor", "another_peer", "other_mentor", "coordinator",
            "admin_user", "stranger")  # fmt: skip
EVERYONE = set(PERSONAS)
SIGNED_IN = EVERYONE - {"anonymous"}
PEERS = {"peer", "another_peer"}
MENTORS = {"her_mentor", "other_mentor"}

# route name -> (the URL's keyword arguments, by fixture name; who may reach it)
ROUTES = {
    "landing": ({}, EVERYONE),
    "healthz": ({}, EVERYONE),
    "favicon": ({}, EVERYONE),
    "help": ({}, EVERYONE),
    "notices": ({}, SIGNED_IN),
    "home": ({}, SIGNED_IN),
    "profile": ({}, SIGNED_IN),
    "consent": ({}, SIGNED_IN),
    "peer_home": ({}, PEERS),
    "peer_intake": ({}, PEERS),
    "peer_intake_step": ({"step": "intake_step"}, PEERS),
    "peer_intake_review": ({}, PEERS),
    "peer_mentors": ({}, PEERS),
    "peer_mentor": ({"mentor_id": "free_mentor"}, PEERS),
    "request_preview": ({"mentor_id": "free_mentor"}, PEERS),
    "request_create": ({"mentor_id": "free_mentor"}, PEERS),
    "request_withdraw": ({"request_id": "danas_request"}, {"another_peer"}),
    "peer_waitlist": ({}, PEERS),
    "mentor_home": ({}, MENTORS),
    "training_list": ({}, MENTORS),
    "training_module": ({"slug": "module"}, MENTORS),
    "training_check": ({"slug": "module"}, MENTORS),
    "training_result": ({"slug": "module", "attempt_id": "bobs_attempt"}, {"her_mentor"}),
    "training_reflection": ({}, MENTORS),
    "training_code": ({}, MENTORS),
    "application_submit": ({}, MENTORS),
    "mentor_profile": ({}, MENTORS),
    "mentor_profile_coach": ({}, MENTORS),
    "mentor_requests": ({}, MENTORS),
    "request_decline": (
        {"request_id": "danas_request"},
        {"other_mentor"},
    ),  # before accept: an empty post changes nothing
    "request_accept": ({"request_id": "danas_request"}, {"other_mentor"}),
    "coordinator_home": ({}, {"coordinator"}),
    "applicants": ({}, {"coordinator"}),
    "applicant_detail": ({"mentor_id": "free_mentor"}, {"coordinator"}),
    "applicant_reflection": ({"mentor_id": "free_mentor"}, {"coordinator"}),
    "applicant_notes": ({"mentor_id": "free_mentor"}, {"coordinator"}),
    "applicant_decide": ({"mentor_id": "free_mentor"}, {"coordinator"}),
    "coordinator_requests": ({}, {"coordinator"}),
    "coordinator_request": ({"request_id": "danas_request"}, {"coordinator"}),
    "coordinator_decline_reason": ({"request_id": "danas_request"}, {"coordinator"}),
    "partnership": ({"partnership_id": "partnership"}, {"peer", "her_mentor", "coordinator"}),
    "partnership_step_back": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "partnership_resume": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "conversation": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "conversation_send": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "conversation_poll": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "conversation_coach": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "conversation_keep": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "growth": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "growth_goal_add": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "growth_goal_update": (
        {"partnership_id": "partnership", "goal_id": "goal"},
        {"peer", "her_mentor"},
    ),
    "growth_step_done": (
        {"partnership_id": "partnership", "step_id": "step"},
        {"peer", "her_mentor"},
    ),
    "growth_strength_add": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "growth_strength_hide": (
        {"partnership_id": "partnership", "strength_id": "strength"},
        {"peer", "her_mentor"},
    ),
    "privacy": ({}, SIGNED_IN),
    "privacy_export": ({}, SIGNED_IN),  # asks for the password again first
    "privacy_export_download": ({"token": "alices_export"}, {"peer"}),
    "privacy_erase": ({}, SIGNED_IN),  # shows the confirmation; deleting needs a post
    "healthz_detail": ({}, EVERYONE),  # what it says depends on who asks (tests/coordination)
    "crisis_resources": ({}, EVERYONE),
    "coordinator_escalations": ({}, {"coordinator"}),
    "coordinator_escalation_rows": ({}, {"coordinator"}),
    "coordinator_escalation": ({"escalation_id": "escalation"}, {"coordinator"}),
    "coordinator_escalation_open": ({"escalation_id": "escalation"}, {"coordinator"}),
    "coordinator_escalation_note": ({"escalation_id": "escalation"}, {"coordinator"}),
    "coordinator_escalation_acknowledge": ({"escalation_id": "escalation"}, {"coordinator"}),
    "coordinator_escalation_outcome": ({"escalation_id": "escalation"}, {"coordinator"}),
    "coordinator_escalation_resolve": ({"escalation_id": "escalation"}, {"coordinator"}),
    "coordinator_resources": ({}, {"coordinator"}),
    "coordinator_resource_new": ({}, {"coordinator"}),
    "coordinator_resource": ({"resource_id": "resource"}, {"coordinator"}),
    "coordinator_resource_verify": ({"resource_id": "resource"}, {"coordinator"}),
    "call_for_assistance": ({}, MENTORS),
    "support_requests": ({}, {"coordinator"}),
    "support_request_taken_up": ({"request_id": "support_request"}, {"coordinator"}),
    "admin_people": ({}, {"admin_user"}),
    "partnership_agreement_boundaries": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "partnership_agreement_propose": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "partnership_agreement_decide": (
        {"partnership_id": "partnership", "proposal_id": "proposal"},
        {"peer", "her_mentor"},
    ),
    "meeting_propose": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "meeting_answer": (
        {"partnership_id": "partnership", "meeting_id": "meeting"},
        {"peer", "her_mentor"},
    ),
    "meeting_calendar": (
        {"partnership_id": "partnership", "meeting_id": "meeting"},
        {"peer", "her_mentor"},
    ),
    "meeting_reflection": (
        {"partnership_id": "partnership", "meeting_id": "meeting"},
        {"her_mentor"},
    ),
    "coordinator_concerns": ({}, {"coordinator"}),
    "coordinator_concern_taken_up": ({"concern_id": "concern"}, {"coordinator"}),
    "partnership_end": ({"partnership_id": "partnership"}, {"peer"}),  # the page; ending posts
    "partnership_coordinator_end": ({"partnership_id": "partnership"}, {"coordinator"}),
    # These change the partnership (an empty post proposes, then closes), so they come late.
    "partnership_close_propose": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "partnership_closing_plan": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "partnership_closing_reflection": (
        {"partnership_id": "partnership"},
        {"peer", "her_mentor"},
    ),
    "partnership_close": ({"partnership_id": "partnership"}, {"peer", "her_mentor"}),
    "sign_out_everywhere": ({}, SIGNED_IN),  # checked last: it signs the persona out
}


def our_route_names() -> set[str]:
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern) and pattern.callback.__module__.startswith(
                "alongside."
            ):
                yield pattern.name

    return set(walk(get_resolver().url_patterns))


def test_every_route_is_in_the_table():
    assert our_route_names() == set(ROUTES)


@pytest.fixture
def objects(partnership, peer, mentor, another_peer, other_mentor, coordinator):
    """Ids the object routes need: a free mentor Dana has asked, Bob's check attempt."""
    make_matchable(other_mentor, coordinator)
    request = mentor_request_create(peer=another_peer, mentor_id=other_mentor.pk)
    module = curriculum().modules[0]
    pass_all_modules(mentor)
    attempt = CheckAttempt.objects.filter(mentor=mentor, module_slug=module.slug).first()
    assert correct_answers(module)  # the fixture curriculum has a check to attempt
    escalation = escalation_raise(
        partnership=partnership, message_id=1, level="urgent", raised_by=peer
    )
    resource = crisis_resource_save(
        coordinator=coordinator, data={"name": "A helpline", "region": "CA", "phone": "988"}
    )
    from alongside.wellbeing.services import support_request_open

    support = support_request_open(mentor=mentor, partnership=partnership, note="hard week")
    from alongside.privacy.services import export_build, export_link_token, export_request

    export = export_build(archive_id=export_request(user=peer).pk)
    from alongside.growth.services import goal_add, step_add, strength_add
    from alongside.partnerships.access import access_partnership_member

    alices = access_partnership_member(peer, partnership.pk)
    goal = goal_add(view=alices, by=peer, title="Walk to the park")
    step = step_add(view=alices, by=peer, goal_id=goal.pk, text="Find my shoes")
    strength = strength_add(view=alices, by=peer, text="I asked for help")
    from alongside.partnerships.models import PartnershipConcern

    concern = PartnershipConcern.objects.create(
        partnership=partnership, raised_by=peer, text="a worry"
    )
    from alongside.partnerships.models import AgreementProposal

    proposal = AgreementProposal.objects.create(partnership=partnership, part="avoid", text="t")
    from datetime import timedelta

    from django.utils import timezone

    from alongside.partnerships.meetings import meeting_propose

    meeting = meeting_propose(
        view=alices, by=peer, starts_at=timezone.now() + timedelta(days=2), duration=60,
        mode="chat",
    )  # fmt: skip
    return {
        "meeting": meeting.pk,
        "proposal": proposal.pk,
        "concern": concern.pk,
        "goal": goal.pk,
        "step": step.pk,
        "strength": strength.pk,
        "alices_export": export_link_token(export),
        "support_request": support.pk,
        "intake_step": "meeting",
        "escalation": escalation.pk,
        "resource": resource.pk,
        "free_mentor": other_mentor.pk,
        "danas_request": request.pk,
        "module": module.slug,
        "bobs_attempt": attempt.pk,
        "partnership": partnership.pk,
    }


# Sign in first, or accept the privacy statement first: both ask before revealing anything.
_REFUSING_REDIRECTS = ("/accounts/login/?next=", "/me/consent/?next=")


def _outcome(client, url) -> str:
    """Whether the persona reached the route (a page, or a redirect onward) or was refused
    (sent to sign in or to the consent page, 403, 404). A POST-only route is posted to, empty,
    so that its own access check runs."""
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    if response.status_code in (403, 404):
        return "refused"
    if response.status_code == 302 and response.url.startswith(_REFUSING_REDIRECTS):
        return "refused"
    assert response.status_code in (200, 302, 400), (url, response.status_code)
    return "reached"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_reaches_exactly_the_routes_meant_for_them(request, objects, persona):
    client = Client()
    if persona != "anonymous":
        user = request.getfixturevalue("mentor" if persona == "her_mentor" else persona)
        sign_in(client, user)
    reached = set()
    for name, (kwargs, _) in ROUTES.items():
        url = reverse(name, kwargs={key: objects[value] for key, value in kwargs.items()})
        if _outcome(client, url) == "reached":
            reached.add(name)
    expected = {name for name, (_, allowed) in ROUTES.items() if persona in allowed}
    assert reached == expected
