"""Browser contexts already signed in, so a test that is about a page need not drive the
sign-in form (and the two-step code, for staff) for every persona."""

from django.test import Client

from alongside.accounts.models import User
from tests.conftest import sign_in

PHONE = {"width": 390, "height": 844}


def signed_in_context(browser, base: str, email: str | None, viewport=PHONE):
    """A new browser context at `viewport`, signed in as `email` the way a completed sign-in
    leaves a session; a visitor's context when `email` is None."""
    context = browser.new_context(viewport=viewport)
    if email is not None:
        client = sign_in(Client(), User.objects.get(email=email))
        session = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    return context
