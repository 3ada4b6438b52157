"""The demo program: one account per role, for trying Alongside on a laptop. Never in production."""

import csv
import uuid
from dataclasses import dataclass
from pathlib import Path

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from alongside.accounts.consent import current_statement
from alongside.accounts.models import Role, User
from alongside.accounts.services import consent_accept, role_grant
from alongside.conversations.access import access_conversation
from alongside.conversations.selectors import history_page
from alongside.conversations.services import message_send
from alongside.demo.guard import DEMO_DOMAIN
from alongside.growth.services import goal_add, step_add, strength_add
from alongside.intake.selectors import has_intake
from alongside.intake.services import intake_save
from alongside.matching.selectors import pending_request_for_peer
from alongside.matching.services import (
    mentor_profile_save,
    mentor_request_accept,
    mentor_request_create,
)
from alongside.partnerships.access import access_partnership_member
from alongside.partnerships.agreement import mentor_boundaries_save, proposal_add
from alongside.partnerships.selectors import current_partnership_for_peer
from alongside.safety.models import CrisisResource, Kind
from alongside.safety.services import crisis_resource_save
from alongside.training.content import curriculum
from alongside.training.selectors import passed_module_slugs, pathway, reflection_done
from alongside.training.services import (
    Decision,
    application_decide,
    application_submit,
    check_attempt_record,
    code_sign,
    reflection_save,
)

DEMO_PASSWORD = "alongside-demo"  # noqa: S105 (published demo password, DEBUG only)
# Published on purpose so a demo coordinator can add it to an authenticator app (README).
DEMO_TOTP_SECRET = "ALONGSIDEDEMOTOTPSECRETKEYJBSWY3"  # noqa: S105


@dataclass(frozen=True)
class DemoPerson:
    email: str
    display_name: str
    pronouns: str
    roles: tuple[str, ...]
    consents: bool = True


DEMO_PEOPLE = (
    DemoPerson("peer@demo.alongside.test", "Robin", "she/her", (Role.PEER,)),
    DemoPerson("mentor@demo.alongside.test", "Sam", "they/them", (Role.MENTOR,)),
    DemoPerson("applicant@demo.alongside.test", "Alex", "he/him", (Role.MENTOR,), consents=False),
    DemoPerson("coordinator@demo.alongside.test", "Jordan", "she/they", (Role.COORDINATOR,)),
    DemoPerson("admin@demo.alongside.test", "Casey", "", (Role.ADMIN,)),
)


DEMO_MENTOR = "mentor@demo.alongside.test"
DEMO_COORDINATOR = "coordinator@demo.alongside.test"
DEMO_PROFILE = {
    "about_me": "Recovery took me time and good company. I would love to listen and walk "
    "alongside you, at your pace.",
    "lived_experience": ["bulimia", "body_image", "anxiety_depression"],
    "languages": ["en", "fr"],
    "meeting_modes": ["chat", "video"],
    "availability": ["tue-evening", "thu-evening", "sat-morning"],
    "caseload_cap": 2,
}


# More approved mentors with varied profiles, so the demo peer's suggestions show reasons.
DEMO_MORE_MENTORS = (
    (
        DemoPerson("priya@demo.alongside.test", "Priya", "she/her", (Role.MENTOR,)),
        {
            "about_me": "Family meals were the hardest part of my recovery. I am glad to talk "
            "about finding your own way with the people around you.",
            "lived_experience": ["binge_eating", "family", "anxiety_depression"],
            "languages": ["en", "pa"],
            "meeting_modes": ["video", "in_person"],
            "region": "Ontario",
            "availability": ["mon-evening", "wed-evening", "sun-afternoon"],
            "culture": "Punjabi",
            "share_culture": True,
            "caseload_cap": 3,
        },
    ),
    (
        DemoPerson("luc@demo.alongside.test", "Luc", "il/he", (Role.MENTOR,)),
        {
            "about_me": "Ancien athlète, j'ai appris à écouter mon corps autrement. Sport and "
            "recovery can live together; happy to talk about either, in French or English.",
            "lived_experience": ["anorexia", "athletes"],
            "languages": ["fr", "en"],
            "meeting_modes": ["chat", "phone"],
            "availability": ["tue-evening", "sat-morning"],
            "gender": "Man",
            "share_gender": True,
            "age_range": "25-34",
            "share_age_range": True,
            "caseload_cap": 2,
        },
    ),
    (
        DemoPerson("morgan@demo.alongside.test", "Morgan", "they/them", (Role.MENTOR,)),
        {
            "about_me": "Recovery in a larger body, as a queer person, taught me that every "
            "body deserves care. I listen without judging.",
            "lived_experience": ["larger_body", "body_image", "lgbtq2s"],
            "languages": ["en", "ase"],
            "meeting_modes": ["video", "chat"],
            "availability": ["thu-evening", "sat-afternoon"],
            "lgbtq2s": True,
            "share_lgbtq2s": True,
            "caseload_cap": 2,
        },
    ),
    (
        DemoPerson("ana@demo.alongside.test", "Ana", "ela/she", (Role.MENTOR,)),
        {
            "about_me": "My eating disorder came later in life. Change is possible at any "
            "age, and I would be honoured to keep you company on the way.",
            "lived_experience": ["later_life", "arfid", "anxiety_depression"],
            "languages": ["pt", "es", "en"],
            "meeting_modes": ["chat", "phone"],
            "availability": ["mon-morning", "wed-morning", "fri-afternoon"],
            "age_range": "50+",
            "share_age_range": True,
            "caseload_cap": 1,
        },
    ),
)

DEMO_PEER = "peer@demo.alongside.test"
# Some items shared and some kept private, so the mentor's view shows the difference.
DEMO_INTAKE = {
    "hopes": "Someone who has been there, to talk with on weeknights while I finish school.",
    "talk_about": "Going back to classes, eating with friends, feeling okay in my body.",
    "avoid_topics": ["numbers", "exercise routines"],
    "lived_experience": ["body_image", "anxiety_depression"],
    "meeting_modes": ["chat", "video"],
    "preferred_times": ["tue-evening", "thu-evening", "sat-morning"],
    "languages": ["en", "fr"],
    "lights_plan": {
        "green": {
            "signs": "I sleep well and see friends.",
            "helps": "Plans to look forward to.",
            "mentor": "Chat as usual.",
        },
        "yellow": {
            "signs": "I skip plans and stay in.",
            "helps": "A walk with someone.",
            "mentor": "Check in gently, no pressure.",
        },
        "red": {
            "signs": "I stop answering messages.",
            "helps": "My care team.",
            "mentor": "Remind me of my crisis line and tell a coordinator.",
        },
    },  # fmt: skip
    "shared_items": ["hopes", "avoid_topics", "meeting", "lights_green", "lights_yellow"],
}


# A second pair, already matched, whose conversation has begun: so the conversation, the coach
# and the safety net can be tried without walking the whole pathway first.
DEMO_MATCHED_PEER = DemoPerson("kai@demo.alongside.test", "Kai", "they/them", (Role.PEER,))
DEMO_MATCHED_MENTOR = "priya@demo.alongside.test"
DEMO_MATCHED_INTAKE = {
    "hopes": "Company on the harder evenings, and someone who gets family dinners.",
    "avoid_topics": ["weight"],
    "lights_plan": {
        "green": {
            "signs": "I'm sleeping and eating with the family",
            "helps": "baking, my cousin",
            "mentor": "chat as usual",
        },
        "yellow": {
            "signs": "skipping lunch, staying in my room",
            "helps": "a short walk",
            "mentor": "ask gently how the day went",
        },
    },  # fmt: skip
    "shared_items": ["hopes", "avoid_topics", "lights_green", "lights_yellow"],
}
DEMO_CONVERSATION = (
    ("mentor", "Hi Kai, I'm glad you chose me. How would you like to start? No rush at all."),
    ("peer", "Hi Priya! Maybe just getting to know each other first."),
    ("mentor", "That sounds good to me. What's something that made you smile this week?"),
    ("peer", "My cousin visited and we baked together. It was nice, a bit scary too."),
    # Written to show the safety net: a concern-level escalation waits in the coordinator's
    # queue, and Priya's page shows guidance for the moment.
    ("peer", "Some evenings I feel like I'm just a burden to everyone around me."),
)


def load_demo() -> list[User]:
    """Create or refresh the demo accounts; safe to run again."""
    with transaction.atomic():
        people = [_demo_user(person) for person in DEMO_PEOPLE]
        by_email = {person.email: person for person in people}
        coordinator = by_email[DEMO_COORDINATOR]
        _approve_demo_mentor(by_email[DEMO_MENTOR], coordinator)
        for person, profile in DEMO_MORE_MENTORS:
            mentor = _demo_user(person)
            _approve_demo_mentor(mentor, coordinator, profile)
            people.append(mentor)
        _demo_intake(by_email[DEMO_PEER])
        kai = _demo_user(DEMO_MATCHED_PEER)
        people.append(kai)
        _demo_matched_pair(kai, User.objects.get(email=DEMO_MATCHED_MENTOR))
        load_example_crisis_resources()
        return people


def _demo_matched_pair(peer: User, mentor: User) -> None:
    """Match the second pair the way people do (intake, request, acceptance) and begin their
    conversation, once; later runs leave whatever the demo visitor did since."""
    if current_partnership_for_peer(peer) is None:
        if not has_intake(peer):
            intake_save(peer=peer, data=DEMO_MATCHED_INTAKE)
        mentor_request_create(peer=peer, mentor_id=mentor.pk)
        mentor_request_accept(mentor=mentor, mentor_request=pending_request_for_peer(peer))
    partnership = current_partnership_for_peer(peer)
    access = {"peer": access_conversation(peer, partnership.pk),
              "mentor": access_conversation(mentor, partnership.pk)}  # fmt: skip
    if history_page(access["peer"]).messages:
        return
    for side, text in DEMO_CONVERSATION:
        sender = peer if side == "peer" else mentor
        message_send(access=access[side], sender=sender, body=text, client_id=uuid.uuid4())
    _demo_growth(peer, mentor, partnership)
    _demo_meeting(peer, mentor, partnership)


def _demo_meeting(peer: User, mentor: User, partnership) -> None:
    """Kai proposed an evening chat two days from now, and Priya confirmed it."""
    from datetime import time, timedelta

    from django.utils import timezone

    from alongside.partnerships.meetings import local_to_utc, meeting_confirm, meeting_propose
    from alongside.partnerships.models import Meeting, MeetingStatus

    # Last week's first chat, which took place (made as it was then: proposed, then confirmed).
    last_week = (timezone.now().astimezone(peer.zone) - timedelta(days=7)).date()
    first_at = local_to_utc(last_week, time(18, 0), peer.zone)
    first = meeting_propose(
        view=access_partnership_member(peer, partnership.pk), by=peer, starts_at=first_at,
        duration=45, mode="chat", now=first_at - timedelta(days=2),
    )  # fmt: skip
    Meeting.objects.filter(pk=first.pk).update(status=MeetingStatus.CONFIRMED, awaiting="")
    day = (timezone.now().astimezone(peer.zone) + timedelta(days=2)).date()
    meeting = meeting_propose(
        view=access_partnership_member(peer, partnership.pk), by=peer,
        starts_at=local_to_utc(day, time(18, 30), peer.zone), duration=60, mode="chat",
        note="Maybe we could talk about the week ahead.",
    )  # fmt: skip
    meeting_confirm(
        view=access_partnership_member(mentor, partnership.pk), by=mentor, meeting_id=meeting.pk
    )


def _demo_growth(peer: User, mentor: User, partnership) -> None:
    """A goal of Kai's with a first step, one Priya suggests, and a strength she noticed."""
    peers_view = access_partnership_member(peer, partnership.pk)
    mentors_view = access_partnership_member(mentor, partnership.pk)
    goal = goal_add(view=peers_view, by=peer, title="Have lunch with my flatmates on Saturdays",
                    why="I miss laughing with them")  # fmt: skip
    step_add(view=peers_view, by=peer, goal_id=goal.pk, text="Ask who is around this weekend")
    # Written as stopping something: Kai's page offers the gentle question beside it.
    goal_add(view=peers_view, by=peer, title="Stop skipping breakfast before school runs")
    goal_add(view=mentors_view, by=mentor, title="Find one thing that helps on hard evenings")
    strength_add(view=mentors_view, by=mentor, text="You said what you needed, straight away")
    strength_add(view=peers_view, by=peer, text="I baked with my cousin even though it felt scary")
    strength_add(view=mentors_view, by=mentor, text="You noticed the yellow signs early")
    mentor_boundaries_save(
        view=mentors_view, by=mentor,
        text="I reply within a day, not late at night. I'm not a therapist, "
        "and I can help you find one.",
    )  # fmt: skip
    proposal_add(view=mentors_view, by=mentor, part="yellow_helps", text="a voice note to me")


# The team's example crisis lines (well-known services, numbers unverified), copied into the
# project so an install never reads anything outside it.
EXAMPLE_RESOURCES = Path(__file__).parent / "data" / "crisis_resources_example.csv"


def load_example_crisis_resources() -> int:
    """Add the example crisis lines once, every one marked as an example to verify before use;
    entries a coordinator already has (same name and region) are left alone."""
    added = 0
    with EXAMPLE_RESOURCES.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if CrisisResource.objects.filter(name=row["name"], region=row["region"]).exists():
                continue
            crisis_resource_save(coordinator=None, data=_example_resource(row))
            added += 1
    return added


def _example_resource(row: dict) -> dict:
    specific = row["eating_disorder_specific"].strip().lower() == "yes"
    return {
        "name": row["name"], "region": row["region"], "phone": row["phone"],
        "text": row["text"], "web": row["web"], "hours": row["hours"],
        "languages": ", ".join(row["languages"].split(";")),
        "offers": f"{row['kind'].capitalize()} line. {row['note'].capitalize()}.",
        "kind": Kind.EATING_DISORDER if specific else Kind.GENERAL, "is_example": True,
    }  # fmt: skip


def remove_demo() -> int:
    """Delete the demo accounts; their partnerships, intake and requests go with them."""
    with transaction.atomic():
        demo = User.objects.filter(email__iendswith=DEMO_DOMAIN)
        count = demo.count()
        demo.delete()
    return count


def _demo_intake(peer: User) -> None:
    """Fill the demo peer's intake once; later runs keep whatever the demo visitor changed."""
    if not has_intake(peer):
        intake_save(peer=peer, data=DEMO_INTAKE)


def _approve_demo_mentor(mentor: User, coordinator: User, profile: dict = DEMO_PROFILE) -> None:
    """Walk the demo mentor through whatever curriculum exists, then approve them."""
    content = curriculum()
    for module in content.modules:
        if module.questions and module.slug not in passed_module_slugs(mentor):
            answers = {q.id: next(o.id for o in q.options if o.correct) for q in module.questions}
            check_attempt_record(mentor=mentor, module_slug=module.slug,
                                 module_version=module.version, answers=answers)  # fmt: skip
    if content.prompts and not reflection_done(mentor):
        answers = {p.id: "Demo answer, written for trying Alongside." for p in content.prompts}
        reflection_save(mentor=mentor, answers=answers, submit=True)
    if content.code:
        code_sign(mentor=mentor, version=content.code.version, typed_name=mentor.display_name)
    mentor_profile_save(mentor=mentor, data=profile)
    steps = pathway(mentor)
    if steps.can_submit:
        application_submit(mentor=mentor)
        application_decide(mentor=mentor, by=coordinator, decision=Decision.APPROVE,
                           reason="Demo mentor, approved for trying Alongside.")  # fmt: skip


def _demo_user(person: DemoPerson) -> User:
    user, _ = User.objects.get_or_create(
        email=person.email,
        defaults={"display_name": person.display_name, "pronouns": person.pronouns},
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=person.email, defaults={"verified": True, "primary": True}
    )
    for role in person.roles:
        role_grant(user=user, role=role, by=None, reason="demo program")
    if person.consents:
        consent_accept(user=user, version=current_statement().version)
    if set(person.roles) & {Role.COORDINATOR, Role.ADMIN}:
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return user
