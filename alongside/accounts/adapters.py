from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """A program can close self-service sign-up (SIGNUP_OPEN=0) when it is full."""
        return settings.SIGNUP_OPEN
