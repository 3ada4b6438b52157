"""Audit sign-ins, sign-outs, refused sign-ins and new authenticators."""

from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from alongside.audit.models import Action, Outcome
from alongside.audit.services import audit_record


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit_record(action=Action.AUTH_LOGIN, actor=user, subject=user)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=Action.AUTH_LOGOUT, actor=user, subject=user)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    # The attempted email is deliberately not stored: the request id links it to server logs.
    audit_record(action=Action.AUTH_LOGIN_FAILED, outcome=Outcome.DENIED)


@receiver(authenticator_added)
def audit_authenticator_added(sender, request, user, authenticator, **kwargs):
    audit_record(
        action=Action.MFA_ADD, actor=user, subject=user, target_type="authenticator",
        target_id=authenticator.type,
    )  # fmt: skip


@receiver(authenticator_removed)
def audit_authenticator_removed(sender, request, user, authenticator, **kwargs):
    audit_record(
        action=Action.MFA_REMOVE, actor=user, subject=user, target_type="authenticator",
        target_id=authenticator.type,
    )  # fmt: skip
