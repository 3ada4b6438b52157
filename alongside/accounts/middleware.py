from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from alongside.accounts.selectors import needs_mfa_setup
from alongside.accounts.two_step import skipped_two_step

# While two-factor sign-in is missing, only these paths stay open (setting it up, signing out).
_OPEN_PREFIXES = ("/accounts/", "/static/", "/healthz")


class RequireStaffMfaMiddleware:
    """Send coordinators and admins without an authenticator app to set one up first, and end
    any staff session that was opened without the two-step code, however it was opened."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if skipped_two_step(request):
            logout(request)
            messages.info(request, "Please sign in again with your authenticator code.")
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('account_login')}?{query}")
        if request.path.startswith(_OPEN_PREFIXES) or not needs_mfa_setup(request.user):
            return self.get_response(request)
        messages.info(
            request,
            "Your role can see information about other people, so it needs two-step sign-in. "
            "Please set up an authenticator app to continue.",
        )
        return redirect(reverse("mfa_activate_totp"))
