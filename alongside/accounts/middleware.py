from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from alongside.accounts.selectors import needs_mfa_setup

# While two-factor sign-in is missing, only these paths stay open (setting it up, signing out).
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz")


class RequireStaffMfaMiddleware:
    """Send coordinators and admins without an authenticator app to set one up first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(_OPEN_PREFIXES) or not needs_mfa_setup(request.user):
            return self.get_response(request)
        messages.info(
            request,
            "Your role can see information about other people, so it needs two-step sign-in. "
            "Please set up an authenticator app to continue.",
        )
        return redirect(reverse("mfa_activate_totp"))
