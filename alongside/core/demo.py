"""The demo program: one account per role, for trying Alongside on a laptop. Never in production."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from alongside.accounts.consent import current_statement
from alongside.accounts.models import Role, User
from alongside.accounts.services import consent_accept, role_grant
from alongside.matching.services import mentor_profile_save
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


def load_demo() -> list[User]:
    """Create or refresh the demo accounts; safe to run again."""
    with transaction.atomic():
        people = [_demo_user(person) for person in DEMO_PEOPLE]
        by_email = {person.email: person for person in people}
        _approve_demo_mentor(by_email[DEMO_MENTOR], by_email[DEMO_COORDINATOR])
        return people


def _approve_demo_mentor(mentor: User, coordinator: User) -> None:
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
    mentor_profile_save(mentor=mentor, data=DEMO_PROFILE)
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
