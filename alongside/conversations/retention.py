"""How long a closed partnership's conversation is kept (docs/privacy.md).

A conversation is deleted CONVERSATION_RETENTION_DAYS after its partnership closed, unless one
of the two people asked to keep it. Both are told RETENTION_NOTICE_DAYS before, and a
conversation is never deleted sooner than that many days after the notice went out."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.conversations.models import ConversationRetention, Message
from alongside.notices.services import notice_send
from alongside.partnerships.models import Partnership, State


class RetentionRefused(ValueError):
    """A keep or release that is not this person's to make, with words fit to show."""


def deletion_date(partnership: Partnership):
    """When this closed partnership's conversation is due to be deleted (None: not closed)."""
    if partnership.state != State.CLOSED or partnership.ended_at is None:
        return None
    return partnership.ended_at + timedelta(days=settings.CONVERSATION_RETENTION_DAYS)


def retention_of(partnership: Partnership) -> ConversationRetention | None:
    return ConversationRetention.objects.filter(partnership=partnership).first()


def conversation_keep(*, partnership: Partnership, by: User, keep: bool) -> ConversationRetention:
    """One of the two asks to keep a closed conversation (or no longer to keep it)."""
    if by.pk not in (partnership.peer_id, partnership.mentor_id):
        raise RetentionRefused("Only the two people in a partnership can keep its conversation.")
    if partnership.state != State.CLOSED:
        raise RetentionRefused("A conversation can be kept once its partnership has closed.")
    with transaction.atomic():
        row, _ = ConversationRetention.objects.select_for_update().get_or_create(
            partnership=partnership
        )
        if row.deleted_at is not None:
            raise RetentionRefused("This conversation has already been deleted.")
        if keep:
            row.kept_by, row.kept_at = by, timezone.now()
        elif row.kept_by_id not in (None, by.pk):
            raise RetentionRefused("The other person asked to keep it; only they can change that.")
        else:
            row.kept_by, row.kept_at = None, None
        row.save()
        audit_record(
            action=Action.CONVERSATION_KEEP if keep else Action.CONVERSATION_RELEASE,
            actor=by, subject=partnership.peer, target_type="partnership",
            target_id=partnership.pk,
        )  # fmt: skip
    return row


def conversations_retention_run(*, now: datetime | None = None) -> dict:
    """Tell both people ahead of a deletion, then delete what is due. Safe to run again."""
    now = now or timezone.now()
    keep_days = timedelta(days=settings.CONVERSATION_RETENTION_DAYS)
    notice_days = timedelta(days=settings.RETENTION_NOTICE_DAYS)
    closed = Partnership.objects.filter(state=State.CLOSED, ended_at__isnull=False)
    noticed = deleted = 0

    for partnership in closed.filter(ended_at__lte=now - keep_days + notice_days).exclude(
        retention__noticed_at__isnull=False
    ).exclude(retention__kept_by__isnull=False):  # fmt: skip
        if not Message.objects.filter(partnership=partnership).exists():
            continue
        with transaction.atomic():
            row, _ = ConversationRetention.objects.get_or_create(partnership=partnership)
            row.noticed_at = now
            row.save(update_fields=["noticed_at"])
            due = max(partnership.ended_at + keep_days, now + notice_days)
            members = User.objects.filter(
                pk__in=(partnership.peer_id, partnership.mentor_id), erased_at__isnull=True
            ).values_list("pk", flat=True)
            for person_id in members:
                notice_send(
                    recipient_id=person_id,
                    headline="A closed conversation will be deleted soon",
                    body=(
                        f"The conversation of a partnership that closed will be deleted on "
                        f"{due:%d %B %Y}. If you would like to keep it, open it and choose "
                        "Keep this conversation, or download your data from your privacy page."
                    ),
                    link=reverse("conversation", args=[partnership.pk]),
                )
        noticed += 1

    due_rows = ConversationRetention.objects.filter(
        partnership__in=closed.filter(ended_at__lte=now - keep_days),
        noticed_at__lte=now - notice_days, kept_by__isnull=True, deleted_at__isnull=True,
    ).select_related("partnership")  # fmt: skip
    for row in due_rows:
        with transaction.atomic():
            count, _ = Message.objects.filter(partnership_id=row.partnership_id).delete()
            row.deleted_at = now
            row.save(update_fields=["deleted_at"])
            audit_record(
                action=Action.CONVERSATION_RETENTION_DELETE, target_type="partnership",
                target_id=row.partnership_id, subject=row.partnership.peer,
            )  # fmt: skip
        deleted += 1
    return {"noticed": noticed, "deleted": deleted}
