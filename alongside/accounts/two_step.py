"""When this session last passed a two-step check (an authenticator code), and who needs one.

allauth asks for the code; this module remembers, in the session, that it was given. Every
way into a staff session is then held to the same rule: a coordinator's or admin's session
that never passed the check is ended (RequireStaffMfaMiddleware), and pages that show private
content ask for a fresh check (`fresh_two_step_required`).
"""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_used
from django.dispatch import receiver

from alongside.accounts.models import MFA_REQUIRED_ROLES, User

SESSION_KEY = "alongside_two_step"


def mark_two_step(session, user: User, *, at: float | None = None) -> None:
    """Record that this session's person just gave a valid authenticator code."""
    session[SESSION_KEY] = {"user": str(user.pk), "at": time.time() if at is None else at}


def two_step_age(session, user: User) -> float | None:
    """Seconds since this session's person last gave a code, or None if it never did."""
    mark = session.get(SESSION_KEY) or {}
    if mark.get("user") != str(user.pk):
        return None
    return time.time() - float(mark.get("at", 0))


def must_use_two_step(user: User) -> bool:
    """Staff accounts (coordinator, admin, any Django-admin access) must pass the check."""
    return bool(
        user.is_authenticated
        and (user.is_staff or user.is_superuser or user.role_set & MFA_REQUIRED_ROLES)
    )


def skipped_two_step(request) -> bool:
    """A staff session with an authenticator that was opened without giving its code."""
    user = request.user
    if not must_use_two_step(user) or two_step_age(request.session, user) is not None:
        return False
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


@receiver(authenticator_used)
def _code_used(sender, request, user, authenticator, **kwargs):
    # Sent on a two-step sign-in and on a two-step reauthentication.
    mark_two_step(request.session, user)


@receiver(authenticator_added)
def _authenticator_added(sender, request, user, authenticator, **kwargs):
    # Adding an authenticator app means typing one of its codes.
    if authenticator.type == Authenticator.Type.TOTP:
        mark_two_step(request.session, user)
