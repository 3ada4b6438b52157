"""Changes to people, their roles and their consent; each one is audited."""

from django.db import transaction

from alongside.accounts.consent import current_statement
from alongside.accounts.models import ConsentRecord, ContentAccess, Role, RoleAssignment, User
from alongside.accounts.sessions import sessions_end
from alongside.audit.models import Action
from alongside.audit.services import audit_record

# Roles a person can ask for when signing up; the others are granted by an administrator.
SELF_SERVICE_ROLES = (Role.PEER, Role.MENTOR)


class RoleChangeError(ValueError):
    """A role change that is not allowed, with a message fit to show."""


def role_grant(*, user: User, role: str, by: User | None, reason: str = "") -> RoleAssignment:
    """Give a person a role (idempotent); staff roles turn on Django admin access for admins."""
    if role not in Role.values:
        raise RoleChangeError(f"unknown role {role!r}")
    if by is not None and by.pk != user.pk and not reason.strip():
        raise RoleChangeError("a reason is required to give a role")
    with transaction.atomic():
        assignment, created = RoleAssignment.objects.get_or_create(
            user=user, role=role, defaults={"granted_by": by}
        )
        if role == Role.ADMIN and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if created:
            audit_record(
                action=Action.ROLE_GRANT,
                actor=by,
                target_type="role",
                target_id=role,
                subject=user,
                reason=reason,
            )
    user.forget_cached_roles()
    return assignment


def role_revoke(*, user: User, role: str, by: User, reason: str) -> None:
    """Take a role away, with a recorded reason; an admin cannot remove their own admin role."""
    if role == Role.ADMIN and user.pk == by.pk:
        raise RoleChangeError("you cannot remove your own administrator role")
    if not reason.strip():
        raise RoleChangeError("a reason is required to remove a role")
    with transaction.atomic():
        deleted, _ = RoleAssignment.objects.filter(user=user, role=role).delete()
        if role == Role.ADMIN and user.is_staff:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        if deleted:
            audit_record(
                action=Action.ROLE_REVOKE,
                actor=by,
                target_type="role",
                target_id=role,
                subject=user,
                reason=reason,
            )
            # Whatever the person had open under that role closes now, on every device.
            transaction.on_commit(lambda: sessions_end(user=user))
    user.forget_cached_roles()


def user_register(*, user: User, display_name: str, applying_as: str, pronouns: str = "") -> User:
    """Finish a self-service sign-up: profile basics and the role the person applied for."""
    if applying_as not in SELF_SERVICE_ROLES:
        raise RoleChangeError("you can apply as a peer or as a peer mentor")
    with transaction.atomic():
        user.display_name = display_name
        user.pronouns = pronouns
        user.save(update_fields=["display_name", "pronouns"])
        role_grant(user=user, role=applying_as, by=user, reason="applied at sign-up")
    return user


def profile_update(
    *,
    user: User,
    display_name: str,
    pronouns: str,
    region: str,
    language: str,
    email_when_messages_wait: bool = False,
    time_zone: str | None = None,
) -> User:
    if time_zone is not None:
        user.time_zone = time_zone
    user.display_name = display_name
    user.pronouns = pronouns
    user.region = region
    user.preferred_language = language
    user.email_when_messages_wait = email_when_messages_wait
    user.save(update_fields=["display_name", "pronouns", "region", "preferred_language",
                             "email_when_messages_wait", "time_zone"])  # fmt: skip
    return user


def consent_accept(*, user: User, version: int) -> ConsentRecord:
    """Record acceptance of the statement the person was shown; a stale version is refused."""
    current = current_statement().version
    if version != current:
        raise ValueError("the statement has changed since you opened it; please read it again")
    with transaction.atomic():
        record, created = ConsentRecord.objects.get_or_create(user=user, version=version)
        if created:
            audit_record(
                action=Action.CONSENT_ACCEPT,
                actor=user,
                target_type="consent_statement",
                target_id=version,
                subject=user,
            )
    return record


class ReasonRequired(ValueError):
    """Private content was asked for without a written reason."""


# A reason short enough to be a shrug ("x", "ok") is not a reason.
REASON_MIN_LENGTH = 10


def private_content_open(
    *, staff: User, subject: User | None, action: str, target_type: str, target_id, reason: str
) -> ContentAccess:
    """Record that a staff member opens someone's private content, with their reason.

    The reason is stored encrypted; the audit event names the access record, not the words.
    """
    reason = reason.strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ReasonRequired("please write why you need to read this")
    with transaction.atomic():
        access = ContentAccess.objects.create(
            staff=staff, subject=subject, target_type=target_type,
            target_id=str(target_id), reason=reason,
        )  # fmt: skip
        audit_record(
            action=action, actor=staff, target_type=target_type, target_id=target_id,
            subject=subject, reason=f"content_access:{access.pk}",
        )  # fmt: skip
    return access
