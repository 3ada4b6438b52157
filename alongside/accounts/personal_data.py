"""What accounts holds about a person: the profile, roles, consents, sign-in records, and the
record of staff opening their content."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth.hashers import make_password

from alongside.accounts.models import ConsentRecord, ContentAccess, RoleAssignment, User
from alongside.accounts.sessions import sessions_end
from alongside.core.personal_data import json_safe, pick, register

# What a tombstone is called where the other side of a conversation still sees it.
LEFT_NAME = "Someone who left"


def _profile(user: User) -> list[dict]:
    fields = ("email", "display_name", "pronouns", "region", "preferred_language", "time_zone",
              "email_when_messages_wait", "date_joined", "last_login")  # fmt: skip
    return [pick(user, *fields)]


def _roles(user: User) -> list[dict]:
    return [pick(row, "role", "granted_at") for row in user.role_assignments.all()]


def _consents(user: User) -> list[dict]:
    return [pick(row, "version", "accepted_at") for row in user.consents.all()]


def _sign_in(user: User) -> list[dict]:
    items = [
        {"kind": "email address", **pick(row, "email", "verified", "primary")}
        for row in EmailAddress.objects.filter(user=user)
    ]
    items += [
        {"kind": "authenticator", "type": row.type, "created_at": json_safe(row.created_at)}
        for row in Authenticator.objects.filter(user=user)
    ]
    items += [
        {
            "kind": "session",
            "ip": row.ip,
            "user_agent": row.user_agent,
            "created_at": json_safe(row.created_at),
            "last_seen_at": json_safe(row.last_seen_at),
        }
        for row in UserSession.objects.filter(user=user)
    ]
    return items


def _content_openings(user: User) -> list[dict]:
    rows = ContentAccess.objects.filter(subject=user).select_related("staff")
    return [
        {
            "when": json_safe(row.created_at),
            "staff": row.staff.display_name if row.staff else "",
            "what": row.target_type,
            "reason": row.reason,
        }
        for row in rows
    ]


def account_tombstone(user: User) -> None:
    """Strip the account to a nameless row that cannot sign in. Runs last of all erasers."""
    sessions_end(user=user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    RoleAssignment.objects.filter(user=user).delete()
    ConsentRecord.objects.filter(user=user).delete()
    user.user_permissions.clear()
    user.groups.clear()
    User.objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@erased.invalid",
        display_name=LEFT_NAME,
        pronouns="",
        region="",
        time_zone="",
        email_when_messages_wait=False,
        is_active=False,
        is_staff=False,
        is_superuser=False,
        password=make_password(None),
        last_login=None,
    )
    user.forget_cached_roles()


def _purge_openings(user: User) -> None:
    ContentAccess.objects.filter(subject=user).delete()


register(
    app_label="accounts", key="accounts.profile", title="Your profile",
    models=("accounts.User",), export=_profile, erase=account_tombstone,
)  # fmt: skip
register(
    app_label="accounts", key="accounts.roles", title="Your roles in the program",
    models=("accounts.RoleAssignment",), export=_roles,
)  # fmt: skip
register(
    app_label="accounts", key="accounts.consents", title="Privacy statements you accepted",
    models=("accounts.ConsentRecord",), export=_consents,
)  # fmt: skip
register(
    app_label="accounts", key="accounts.sign_in",
    title="Your email address, authenticators and sign-in sessions",
    models=(), export=_sign_in,
)  # fmt: skip
register(
    app_label="accounts", key="accounts.content_openings",
    title="When staff opened your private content, and why",
    models=("accounts.ContentAccess",), export=_content_openings, purge=_purge_openings,
    kept=(
        "The record of staff opening your content (when, who and the reason they wrote) is "
        "kept, linked to no name, so the program can still answer for what its staff did."
    ),
)  # fmt: skip
