"""Role and consent gates for pages; each app's own access.py decides for one object."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from alongside.accounts.selectors import has_current_consent


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
