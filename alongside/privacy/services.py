"""A person's rights over their data: a download of all of it, and deleting their account.

Both walk `alongside.core.personal_data`, where every app declares what it holds, so neither
needs to know the apps by name (docs/privacy.md)."""

import base64
import io
import json
import secrets
import zipfile
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action, Outcome
from alongside.audit.services import audit_record
from alongside.core.personal_data import holdings, holdings_for_erasure
from alongside.notices.services import notice_send
from alongside.privacy.models import ExportArchive, ExportStatus

_LINK_SALT = "alongside.privacy.export-link"


class ExportLinkError(Exception):
    """A download link that cannot be honoured, with words fit to show and an HTTP status."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class ErasureError(ValueError):
    """An account that cannot be deleted this way, with words fit to show."""


# --- Export ----------------------------------------------------------------------------------


def export_request(*, user: User) -> ExportArchive:
    """Ask for a download; it is built by the task worker. One in preparation at a time."""
    from alongside.privacy.tasks import build_export_task

    with transaction.atomic():
        pending = ExportArchive.objects.filter(person=user, status=ExportStatus.PREPARING).first()
        if pending is not None:
            return pending
        archive = ExportArchive.objects.create(person=user, nonce=secrets.token_hex(16))
        audit_record(
            action=Action.EXPORT_REQUEST, actor=user, subject=user,
            target_type="export", target_id=archive.pk,
        )  # fmt: skip
        transaction.on_commit(lambda: build_export_task.enqueue(archive_id=archive.pk))
    return archive


def collect(user: User) -> dict:
    """Everything every app holds about this person, lowest layer first."""
    sections = []
    for holding in holdings():
        if holding.export is None:
            continue
        sections.append({"key": holding.key, "title": holding.title, "items": holding.export(user)})
    return {
        "program": settings.PROGRAM_NAME,
        "generated_at": timezone.now().isoformat(),
        "person": user.display_name,
        "sections": sections,
    }


def _readable(value) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(_readable(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {_readable(v)}" for k, v in value.items())
    return str(value)


def summary_sections(data: dict) -> list[dict]:
    """The same data as label and text pairs, for the page a person reads."""
    return [
        {
            "title": section["title"],
            "rows": [
                [
                    (key.replace("_", " ").capitalize(), _readable(value))
                    for key, value in item.items()
                ]
                for item in section["items"]
            ],
        }
        for section in data["sections"]
    ]


def archive_bytes(data: dict) -> bytes:
    """A zip holding the data as JSON and a page a person can open in any browser."""
    summary = render_to_string(
        "privacy/export_summary.html", {"data": data, "sections": summary_sections(data)}
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("alongside-data.json", json.dumps(data, ensure_ascii=False, indent=2))
        archive.writestr("alongside-summary.html", summary)
    return buffer.getvalue()


def export_build(*, archive_id: int, now: datetime | None = None) -> ExportArchive | None:
    """Build a requested download (safe to run twice: a built one is left alone)."""
    now = now or timezone.now()
    archive = ExportArchive.objects.select_related("person").filter(pk=archive_id).first()
    if archive is None or archive.status != ExportStatus.PREPARING:
        return archive
    payload = archive_bytes(collect(archive.person))
    archive.content = base64.b64encode(payload).decode("ascii")
    archive.size = len(payload)
    archive.status = ExportStatus.READY
    archive.ready_at = now
    archive.expires_at = now + timedelta(hours=settings.EXPORT_LINK_HOURS)
    with transaction.atomic():
        archive.save()
        notice_send(
            recipient_id=archive.person_id,
            headline="Your download is ready",
            body=f"You can fetch it once from your privacy page within "
            f"{settings.EXPORT_LINK_HOURS} hours.",
            link=reverse("privacy"),
        )
    return archive


def export_failed(*, archive_id: int) -> None:
    ExportArchive.objects.filter(pk=archive_id, status=ExportStatus.PREPARING).update(
        status=ExportStatus.FAILED, content=""
    )


def export_link_token(archive: ExportArchive) -> str:
    return signing.dumps({"a": archive.pk, "n": archive.nonce}, salt=_LINK_SALT, compress=True)


def _claim(user: User, token: str) -> tuple[int, str]:
    try:
        claim = signing.loads(token, salt=_LINK_SALT)
        return int(claim["a"]), str(claim["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        _refused(user, "")
        raise ExportLinkError("This download link is not valid.", 404) from None


def export_check(*, user: User, token: str, now: datetime | None = None) -> None:
    """Refuse a link that will not work before asking anyone for their password again."""
    now = now or timezone.now()
    archive_id, nonce = _claim(user, token)
    archive = ExportArchive.objects.defer("content").filter(pk=archive_id).first()
    refusal = _refusal(archive, user, nonce, now)
    if refusal is not None:
        _refused(user, archive_id)
        raise ExportLinkError(*refusal)


def export_open(*, user: User, token: str, now: datetime | None = None) -> bytes:
    """The archive behind a link, fetched once by its owner; anything else is refused and the
    refusal recorded. Fetching empties the stored copy."""
    now = now or timezone.now()
    archive_id, nonce = _claim(user, token)
    with transaction.atomic():
        archive = ExportArchive.objects.select_for_update().filter(pk=archive_id).first()
        refusal = _refusal(archive, user, nonce, now)
        if refusal is None:
            payload = base64.b64decode(archive.content)
            archive.status = ExportStatus.DOWNLOADED
            archive.downloaded_at = now
            archive.content = ""
            archive.save(update_fields=["status", "downloaded_at", "content"])
            audit_record(
                action=Action.EXPORT_DOWNLOAD, actor=user, subject=user,
                target_type="export", target_id=archive.pk,
            )  # fmt: skip
    if refusal is not None:  # recorded outside the transaction, which changed nothing
        _refused(user, archive_id)
        raise ExportLinkError(*refusal)
    return payload


def _refusal(archive, user, nonce, now) -> tuple[str, int] | None:
    if archive is None or archive.person_id != user.pk or archive.nonce != nonce:
        return "This download link is not valid.", 404
    if archive.status == ExportStatus.DOWNLOADED:
        return (
            "This download link was already used. Each link works once; you can prepare a "
            "new download from your privacy page.",
            410,
        )
    if archive.status != ExportStatus.READY or archive.expires_at <= now:
        return (
            "This download link has expired. You can prepare a new download from your "
            "privacy page.",
            410,
        )
    return None


def _refused(user: User, archive_id) -> None:
    audit_record(
        action=Action.EXPORT_REFUSED, actor=user, subject=user, outcome=Outcome.DENIED,
        target_type="export", target_id=archive_id,
    )  # fmt: skip


def exports_clean(*, now: datetime | None = None) -> int:
    """Remove downloads that were fetched or whose time ran out (their content first of all)."""
    now = now or timezone.now()
    done = ExportArchive.objects.filter(status=ExportStatus.DOWNLOADED)
    expired = ExportArchive.objects.filter(status=ExportStatus.READY, expires_at__lte=now)
    stuck = ExportArchive.objects.filter(
        status__in=(ExportStatus.PREPARING, ExportStatus.FAILED),
        requested_at__lte=now - timedelta(days=1),
    )
    removed = 0
    for queryset in (done, expired, stuck):
        removed += queryset.delete()[0]
    return removed


# --- Erasure ---------------------------------------------------------------------------------


def account_erase(*, user: User) -> None:
    """Delete a person's account at their own request: every app's eraser, highest layer
    first, in one transaction. What safety requires is kept, unnamed, for its retention
    period (docs/privacy.md); nothing here can be undone."""
    if user.erased_at is not None:
        raise ErasureError("This account has already been deleted.")
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        if locked.erased_at is not None:
            raise ErasureError("This account has already been deleted.")
        audit_record(
            action=Action.ACCOUNT_ERASE, actor=user, subject=user,
            target_type="user", target_id=user.pk,
        )  # fmt: skip
        for holding in holdings_for_erasure():
            if holding.erase is not None:
                holding.erase(locked)
        User.objects.filter(pk=user.pk).update(erased_at=timezone.now())


def erased_records_purge(*, now: datetime | None = None) -> int:
    """Remove what erasure kept, once the retention period after each erasure has passed, and
    then the tombstone itself when no conversation still shows it. Safe to run again."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.ERASED_RECORD_RETENTION_DAYS)
    purged = 0
    for tombstone in User.objects.filter(erased_at__isnull=False, erased_at__lte=cutoff):
        with transaction.atomic():
            for holding in holdings_for_erasure():
                if holding.purge is not None:
                    holding.purge(tombstone)
            still_shown = (
                tombstone.peer_partnerships.filter(messages__isnull=False).exists()
                or tombstone.mentor_partnerships.filter(messages__isnull=False).exists()
            )
            if not still_shown:
                tombstone_id = tombstone.pk
                tombstone.delete()
                audit_record(
                    action=Action.ERASED_RECORDS_PURGE, target_type="user",
                    target_id=tombstone_id,
                )  # fmt: skip
                purged += 1
    return purged
