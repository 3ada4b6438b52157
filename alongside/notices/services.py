"""Sending notices and marking them read."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.notices.models import Notice
from alongside.notices.tasks import send_notice_email_task


def notice_send(
    *, recipient_id: int, headline: str, body: str = "", link: str = "", email: bool = True
) -> Notice:
    """Tell one person something happened, in the app and, after commit, by email.

    Callers pass the program's own fixed words, never text a person wrote: a notice is shown in
    the header and travels by email. A rolled-back change sends no email (the row goes too).
    """
    with transaction.atomic():
        notice = Notice.objects.create(
            recipient_id=recipient_id, headline=headline, body=body, link=link
        )
        if email:
            transaction.on_commit(lambda: send_notice_email_task.enqueue(notice_id=notice.pk))
    return notice


def notices_mark_read(*, user: User, notice_ids: list[int]) -> int:
    """Mark the person's own notices read (someone else's ids change nothing)."""
    return Notice.objects.filter(recipient=user, pk__in=notice_ids, read_at__isnull=True).update(
        read_at=timezone.now()
    )
