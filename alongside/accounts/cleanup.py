"""Sign-ups that never confirmed their email address are removed after a while."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record


def unconfirmed_signups_remove(*, now: datetime | None = None) -> int:
    """Accounts older than UNCONFIRMED_SIGNUP_DAYS with no confirmed address, that never signed
    in and hold no role: they could never have used the program, so nothing of theirs is lost."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.UNCONFIRMED_SIGNUP_DAYS)
    stale = User.objects.filter(
        date_joined__lte=cutoff, last_login__isnull=True, erased_at__isnull=True,
        is_staff=False, is_superuser=False,
    ).exclude(emailaddress__verified=True).exclude(role_assignments__isnull=False)  # fmt: skip
    with transaction.atomic():
        removed = stale.count()
        if removed:
            User.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()
            audit_record(action=Action.SIGNUP_CLEANUP, target_type="users", target_id=removed)
    return removed
