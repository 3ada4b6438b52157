"""A mentor's call for assistance, and a coordinator taking it up; each one is audited."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.matching.tasks import send_notice_email
from alongside.partnerships.models import Partnership
from alongside.safety.selectors import active_coordinators
from alongside.wellbeing.models import SupportRequest

MAX_NOTE = 2000
EMAIL_SUBJECT = "A mentor has asked for assistance"
EMAIL_BODY = (
    "A mentor has asked a coordinator for assistance. Sign in to Alongside and open Coordination,"
    " then Support requests.\n\nThis email holds no details on purpose."
)


class SupportError(ValueError):
    """A request that cannot be made or taken up, with a message fit to show."""


def support_request_open(
    *, mentor: User, partnership: Partnership | None = None, note: str = ""
) -> SupportRequest:
    """Ask the coordinators for help; they are emailed (no words in it) once this commits."""
    note = note.strip()
    if len(note) > MAX_NOTE:
        raise SupportError(f"Please keep the note to {MAX_NOTE:,} characters; nothing was sent.")
    with transaction.atomic():
        request = SupportRequest.objects.create(mentor=mentor, partnership=partnership, note=note)
        audit_record(
            action=Action.SUPPORT_REQUEST_OPEN, actor=mentor, target_type="support_request",
            target_id=request.pk, subject=mentor,
        )  # fmt: skip
        transaction.on_commit(_tell_coordinators)
    return request


def support_request_handle(*, support_request: SupportRequest, by: User) -> SupportRequest:
    with transaction.atomic():
        locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
        if locked.handled_at is not None:
            raise SupportError("Someone has already taken this request up.")
        locked.handled_at, locked.handled_by = timezone.now(), by
        locked.save(update_fields=["handled_at", "handled_by"])
        audit_record(
            action=Action.SUPPORT_REQUEST_HANDLE, actor=by, target_type="support_request",
            target_id=locked.pk, subject=locked.mentor,
        )  # fmt: skip
    return locked


def _tell_coordinators() -> None:
    """One notice email per coordinator, sent by the task worker, not in the mentor's request."""
    for coordinator_id in active_coordinators().values_list("pk", flat=True):
        send_notice_email.enqueue(user_id=coordinator_id, subject=EMAIL_SUBJECT, body=EMAIL_BODY)
