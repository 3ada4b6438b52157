"""Reads about people: consent, MFA and what a person may reach."""

from allauth.mfa.models import Authenticator

from alongside.accounts.consent import current_statement
from alongside.accounts.models import MFA_REQUIRED_ROLES, ConsentRecord, Role, User


def has_current_consent(user: User) -> bool:
    version = current_statement().version
    return ConsentRecord.objects.filter(user=user, version=version).exists()


def has_totp(user: User) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_mfa_setup(user: User) -> bool:
    """Coordinators and admins must have an authenticator app before doing anything else."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or any(user.has_role(role) for role in MFA_REQUIRED_ROLES):
        return not has_totp(user)
    return False


def home_roles(user: User) -> list[str]:
    """The roles that have a home page, in the order navigation shows them."""
    order = (Role.PEER, Role.MENTOR, Role.COORDINATOR, Role.ADMIN)
    return [role for role in order if user.has_role(role)]


def people_by_role() -> dict[str, int]:
    """How many people hold each role: aggregate metadata for coordinators."""
    from django.db.models import Count

    from alongside.accounts.models import RoleAssignment

    rows = (
        RoleAssignment.objects.filter(user__is_active=True).values("role").annotate(n=Count("id"))
    )
    counts = dict.fromkeys(Role.values, 0)
    counts.update({row["role"]: row["n"] for row in rows})
    return counts
