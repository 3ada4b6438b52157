"""Role and consent gates for pages; each app's own access.py decides for one object."""

from functools import wraps

from allauth.core.exceptions import ReauthenticationRequired
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from alongside.accounts.selectors import has_current_consent
from alongside.accounts.two_step import two_step_age


def role_required(*roles: str):
    """The signed-in person must hold one of these roles; anyone else is refused (403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            if not any(request.user.has_role(role) for role in roles):
                raise PermissionDenied("This page is not part of your role in the program.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def consent_required(view):
    """Partnership features open only after the current privacy statement was accepted."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not has_current_consent(request.user):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('consent')}?{query}")
        return view(request, *args, **kwargs)

    return wrapper


def fresh_two_step_required(view=None, *, allow_get: bool = False):
    """The person must have given their authenticator code within the last few minutes
    (ACCOUNT_REAUTHENTICATION_TIMEOUT) before this view acts.

    Otherwise allauth asks for the code (its reauthentication, code first for anyone with an
    authenticator) and then replays the suspended request, form fields included.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not (allow_get and request.method in ("GET", "HEAD")):
                age = two_step_age(request.session, request.user)
                if age is None or age > settings.ACCOUNT_REAUTHENTICATION_TIMEOUT:
                    raise ReauthenticationRequired()
            return view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator
