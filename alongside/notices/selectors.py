"""Reads of a person's own notices."""

from django.db.models import QuerySet

from alongside.accounts.models import User
from alongside.notices.models import Notice

RECENT = 50


def recent_notices(user: User) -> QuerySet:
    """The person's most recent notices, newest first."""
    return Notice.objects.filter(recipient=user)[:RECENT]


def unread_count(user: User) -> int:
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()
