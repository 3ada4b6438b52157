from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from alongside.audit.models import Action, Outcome
from alongside.audit.services import audit_record

# allauth builds this error when a password or a two-step code is refused for too many failed
# attempts (the "login_failed" rate limit), so it is the one place both throttles pass through.
_THROTTLED = "too_many_login_attempts"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """A program can close self-service sign-up (SIGNUP_OPEN=0) when it is full."""
        return settings.SIGNUP_OPEN

    def send_mail(self, template_prefix, email, context):
        """Every account email is signed with the program's name (never the host name), even when
        it is sent without a request to take the name from."""
        context = {**context, "program_name": settings.PROGRAM_NAME}
        return super().send_mail(template_prefix, email, context)

    def validation_error(self, code, *args):
        """Audit a throttled sign-in attempt; like a refused one, without the email or password."""
        if code == _THROTTLED:
            audit_record(
                action=Action.AUTH_LOGIN_THROTTLED,
                outcome=Outcome.DENIED,
                target_type="rate_limit",
                target_id="login_failed",
            )
        return super().validation_error(code, *args)

    def get_reauthentication_methods(self, user):
        """Anyone with an authenticator confirms with its code first (a fresh two-step check);
        allauth would offer the password first."""
        methods = super().get_reauthentication_methods(user)
        return sorted(methods, key=lambda method: method["id"] != "mfa_reauthenticate")
