from django.db.models import QuerySet

from alongside.accounts.models import User
from alongside.wellbeing.models import SupportRequest


def support_queue() -> QuerySet:
    """Every request, open ones first, oldest first (a fixed two queries with the people)."""
    return SupportRequest.objects.select_related(
        "mentor", "handled_by", "partnership__peer"
    ).order_by("handled_at", "created_at", "id")


def requests_of(mentor: User, limit: int = 10) -> list[SupportRequest]:
    return list(SupportRequest.objects.filter(mentor=mentor).order_by("-created_at")[:limit])
