"""The demo program: one account per role, for trying Alongside on a laptop. Never in production."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

from alongside.accounts.consent import current_statement
from alongside.accounts.models import Role, User
from alongside.accounts.services import consent_accept, role_grant

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


def load_demo() -> list[User]:
    """Create or refresh the demo accounts; safe to run again."""
    with transaction.atomic():
        return [_demo_user(person) for person in DEMO_PEOPLE]


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
