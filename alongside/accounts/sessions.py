"""A person's sign-in sessions: their limits, the list on the profile, and ending them.

allauth.usersessions keeps one row per signed-in session (created at each sign-in), which is
what lets a password change, a role removal, a deactivation or "sign out everywhere" reach a
person's sessions on other devices.
"""

import time

from allauth.account.signals import password_changed, password_reset, password_set
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record

STARTED = "alongside_session_started"
SEEN = "alongside_session_seen"
# Activity is written to the session at most this often, so a page view is not a write.
_TOUCH_EVERY = 60


def sessions_end(*, user: User, keep_session_key: str | None = None) -> int:
    """End every session of this person except the one kept; returns how many ended."""
    ended = 0
    rows = UserSession.objects.filter(user_id=user.pk).exclude(session_key=keep_session_key or "")
    for row in rows:
        ended += row.exists()
        row.end()  # removes the session itself, not only allauth's record of it
    return ended


def sessions_of(request) -> list[UserSession]:
    """The signed-in person's live sessions, newest first, each marked `current`."""
    rows = UserSession.objects.purge_and_list(request.user)
    for row in rows:
        row.current = row.session_key == request.session.session_key
    return sorted(rows, key=lambda row: row.created_at, reverse=True)


def sign_out_everywhere(request) -> int:
    """End all of the person's sessions, this one included, and record it."""
    user = request.user
    ended = sessions_end(user=user, keep_session_key=request.session.session_key)
    audit_record(
        action=Action.AUTH_SIGN_OUT_EVERYWHERE, actor=user, subject=user,
        target_type="sessions", target_id=ended + 1,
    )  # fmt: skip
    logout(request)
    return ended + 1


# Sent by pages that refresh themselves on a timer (hx-headers on the polling element).
BACKGROUND_HEADER = "X-Alongside-Background"


def limit_reached(session, now: float) -> str:
    """'idle' or 'absolute' when this session has outlived a limit, else ''."""
    started, seen = session.get(STARTED), session.get(SEEN)
    if seen is not None and now - seen > settings.SESSION_IDLE_MINUTES * 60:
        return "idle"
    if started is not None and now - started > settings.SESSION_MAX_HOURS * 3600:
        return "absolute"
    return ""


def session_still_signed_in(session_key: str | None, user_id: int) -> bool:
    """For a socket, which outlives the request that opened it: is this session, read afresh,
    still this person's, and within its idle and absolute limits? A sign-out, a "sign out
    everywhere" or a limit reached since the socket opened all answer no."""
    from importlib import import_module

    from django.contrib.auth import SESSION_KEY

    if not session_key:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)
    if str(session.get(SESSION_KEY, "")) != str(user_id):
        return False
    return not limit_reached(session, time.time())


def socket_person(scope) -> User | None:
    """The person behind a socket, read afresh (roles and the account may have changed since it
    opened), or None once they are signed out, past a session limit, or deactivated."""
    user = scope.get("user")
    if user is None or not user.is_authenticated:
        return None
    if not session_still_signed_in(scope["session"].session_key, user.pk):
        return None
    return User.objects.filter(pk=user.pk, is_active=True).first()


_LIMIT_MESSAGES = {
    "idle": "You were signed out after {minutes} minutes without activity. Please sign in again.",
    "absolute": "You were signed out because you had been signed in for {hours} hours. "
    "Please sign in again.",
}


class SessionLimitsMiddleware:
    """Sign a person out after SESSION_IDLE_MINUTES without a request, or SESSION_MAX_HOURS
    after signing in, whichever comes first; the page then asks them to sign in again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            self._check(request, time.time())
        return self.get_response(request)

    def _check(self, request, now: float) -> None:
        session = request.session
        reached = limit_reached(session, now)
        if reached:
            logout(request)
            text = _LIMIT_MESSAGES[reached].format(
                minutes=settings.SESSION_IDLE_MINUTES, hours=settings.SESSION_MAX_HOURS
            )
            messages.info(request, text)
            return
        session.setdefault(STARTED, now)  # sessions older than this limit start counting now
        # A page refreshing itself (a poll) is not the person being there: it must not keep an
        # unattended session alive past its idle limit.
        if request.headers.get(BACKGROUND_HEADER) == "1":
            return
        if now - session.get(SEEN, 0) >= _TOUCH_EVERY:
            session[SEEN] = now


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[STARTED] = now
        request.session[SEEN] = now


@receiver(password_changed)
@receiver(password_set)
def _password_changed(sender, request, user, **kwargs):
    # The person stays signed in here; every other device must sign in with the new password.
    sessions_end(user=user, keep_session_key=request.session.session_key)


@receiver(password_reset)
def _password_reset(sender, request, user, **kwargs):
    # A reset is often because someone else knew the password: end every session.
    sessions_end(user=user)


@receiver(post_save, sender=User)
def _deactivated(sender, instance, created, **kwargs):
    if not created and not instance.is_active:
        sessions_end(user=instance)
