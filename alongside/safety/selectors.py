"""Reads for safety: the escalation queue, who is paged, and the crisis resource directory."""

from datetime import datetime

from django.db.models import QuerySet

from alongside.accounts.models import Role, User
from alongside.safety.models import CrisisResource, Escalation, Level, NotificationAttempt


def active_coordinators() -> QuerySet:
    """Everyone paged for an escalation: active accounts holding the coordinator role."""
    return User.objects.filter(is_active=True, role_assignments__role=Role.COORDINATOR).distinct()


def open_escalations() -> QuerySet:
    """The coordinator's queue: unresolved escalations, urgent first, then the oldest."""
    return (
        Escalation.objects.filter(resolved_at__isnull=True)
        .select_related("partnership__peer", "partnership__mentor", "acknowledged_by")
        .order_by("priority", "created_at", "id")
    )


def has_open_escalation(partnership_id: int) -> bool:
    """Whether something in this partnership is with the coordinators and not yet resolved."""
    return Escalation.objects.filter(
        partnership_id=partnership_id, resolved_at__isnull=True
    ).exists()


def unacknowledged_urgent() -> QuerySet:
    return Escalation.objects.filter(
        level=Level.URGENT, acknowledged_at__isnull=True, resolved_at__isnull=True
    )


def oldest_unacknowledged_urgent_at() -> datetime | None:
    oldest = unacknowledged_urgent().order_by("created_at").first()
    return oldest.created_at if oldest else None


def attempts_for(escalation: Escalation) -> QuerySet:
    return NotificationAttempt.objects.filter(escalation=escalation).select_related("coordinator")


def crisis_resources() -> QuerySet:
    return CrisisResource.objects.order_by("region", "kind", "name")


def _country(region: str) -> str:
    return region.split("-", 1)[0]


def crisis_resources_for(region: str) -> list[CrisisResource]:
    """Lines for the person's region first, then the national lines of its country.

    When nothing matches (no region, or one the directory does not know) every national line is
    returned: a person in crisis must never be shown an empty card."""
    region = (region or "").strip().upper()
    everything = list(crisis_resources())
    local = [entry for entry in everything if region and entry.region.upper() == region]
    national = [
        entry
        for entry in everything
        if entry.is_national and entry.region.upper() == _country(region) and entry not in local
    ]
    if local or national:
        return local + national
    return [entry for entry in everything if entry.is_national]


def crisis_resources_by_region() -> dict[str, list[CrisisResource]]:
    grouped: dict[str, list[CrisisResource]] = {}
    for entry in crisis_resources():
        grouped.setdefault(entry.region, []).append(entry)
    return grouped


FOOTER_LINES = 2
_FOOTER_VERSION_KEY = "crisis-footer-version"


def footer_crisis_lines(region: str) -> list[dict]:
    """Up to two lines for the footer of every page: the directory's own for this region (or
    its country), verified ones first. Cached, so a page view reads no table; any change to the
    directory starts a new cache version. Empty when the region is unknown to the directory
    (the footer then names the program's line and links to every line)."""
    from django.core.cache import cache

    region = (region or "").strip().upper()
    if not region:
        return []
    version = cache.get_or_set(_FOOTER_VERSION_KEY, lambda: timezone_stamp(), timeout=None)
    key = f"crisis-footer:{version}:{region}"
    lines = cache.get(key)
    if lines is None:
        everything = list(crisis_resources())
        country = _country(region)
        matched = [e for e in everything if e.region.upper() == region] + [
            e for e in everything if e.is_national and e.region.upper() == country != region
        ]
        matched.sort(key=lambda e: e.is_example)  # verified before examples, order kept
        lines = [
            {"name": e.name, "phone": e.phone, "text": e.text, "example": e.is_example}
            for e in matched[:FOOTER_LINES]
        ]
        cache.set(key, lines, timeout=3600)
    return lines


def timezone_stamp() -> str:
    from django.utils import timezone

    return timezone.now().isoformat()


def forget_footer_crisis_lines() -> None:
    from django.core.cache import cache

    cache.delete(_FOOTER_VERSION_KEY)
