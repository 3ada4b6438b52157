from alongside.accounts.models import ContentAccess, User
from alongside.core.personal_data import holdings
from alongside.privacy.models import ExportArchive, ExportStatus


def latest_export(user: User) -> ExportArchive | None:
    return (
        ExportArchive.objects.filter(person=user)
        .exclude(status=ExportStatus.DOWNLOADED)
        .defer("content")
        .first()
    )


def content_openings(user: User, *, limit: int = 100) -> list[ContentAccess]:
    """When staff opened this person's private content, who, and the reason they wrote."""
    return list(ContentAccess.objects.filter(subject=user).select_related("staff")[:limit])


def kept_after_erasure() -> list[str]:
    """What erasure keeps, and why, in each holding's own words."""
    return [holding.kept for holding in holdings() if holding.kept]
