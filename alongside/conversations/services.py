"""Sending and reading messages. A send follows the message data flow in DESIGN.md: access
checked by the caller, screening, one transaction for the message (and, once the safety net is
wired, its escalation), then the fan-out after commit."""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from alongside.accounts.models import User
from alongside.conversations.access import ConversationAccess
from alongside.conversations.models import MAX_MESSAGE_LENGTH, CoachMonthlyCount, Message
from alongside.conversations.realtime import announce
from alongside.conversations.screening import crisis_levels
from alongside.partnerships.models import CURRENT_STATES
from alongside.safety.services import escalation_raise


class MessageRefused(ValueError):
    """A message that cannot be sent, with a reason fit to show the sender."""


@dataclass(frozen=True)
class Sent:
    message: Message
    crisis: str  # the screening engine's level for this message: none, concern or urgent
    duplicate: bool = False  # a retry of a message already stored


def message_send(*, access: ConversationAccess, sender: User, body: str, client_id) -> Sent:
    """Store one message, once, however often it is retried with the same client id."""
    client_id = _client_uuid(client_id)
    existing = Message.objects.filter(sender=sender, client_id=client_id).first()
    if existing is not None:
        return Sent(existing, crisis="none", duplicate=True)
    text = _checked(access, body)
    role = "peer" if access.is_peer else "mentor"
    # Before the transaction: it reads nothing, writes nothing.
    level, reflected = crisis_levels(text, role)
    try:
        with transaction.atomic():
            message = Message.objects.create(
                partnership=access.partnership, sender=sender, body=text, client_id=client_id
            )
            # The outbox: the escalation row commits with the message or not at all, and
            # safety pages coordinators only after this transaction commits.
            escalation_raise(
                partnership=access.partnership, message_id=message.pk, level=level,
                raised_by=sender,
            )  # fmt: skip
            if reflected != "none":
                # The mentor gives back what the peer told them, or urges harm on them ("you
                # said you've taken the tablets", "try eating 600 a day"): the peer's risk,
                # raised as theirs, never the mentor's self-care.
                escalation_raise(
                    partnership=access.partnership, message_id=message.pk, level=reflected,
                    raised_by=sender, told_by_mentor=True,
                )  # fmt: skip
            transaction.on_commit(lambda: announce(message.partnership_id, "message", message.pk))
    except IntegrityError:  # the same retry arrived twice at once: the database kept one
        return Sent(Message.objects.get(sender=sender, client_id=client_id), "none", True)
    return Sent(message, crisis=level)


def messages_mark_read(*, access: ConversationAccess, reader: User, up_to_id: int) -> int:
    """The reader has seen the other person's messages up to this id (delivered too)."""
    now = timezone.now()
    rows = _unseen_from_other(access, reader, up_to_id).filter(read_at__isnull=True)
    rows.filter(delivered_at__isnull=True).update(delivered_at=now)
    marked = rows.update(read_at=now)
    if marked:
        transaction.on_commit(lambda: announce(access.partnership.pk, "read", up_to_id))
    return marked


def coach_categories_count(*, categories: set[str]) -> None:
    """Add one to this month's anonymous count of each category the coach raised."""
    month = timezone.localdate().replace(day=1)
    for category in sorted(categories):
        with transaction.atomic():
            row, _ = CoachMonthlyCount.objects.get_or_create(month=month, category=category)
            CoachMonthlyCount.objects.filter(pk=row.pk).update(count=F("count") + 1)


def _unseen_from_other(access: ConversationAccess, reader: User, up_to_id: int):
    return Message.objects.filter(partnership=access.partnership, pk__lte=up_to_id).exclude(
        sender=reader
    )


def _checked(access: ConversationAccess, body: str) -> str:
    if not access.can_write:
        raise MessageRefused(
            "This conversation is not open for new messages right now. You can still read it."
        )
    text = (body or "").strip()
    if not text:
        raise MessageRefused("There is nothing to send yet.")
    if len(text) > MAX_MESSAGE_LENGTH:
        raise MessageRefused(
            f"This message is {len(text):,} characters; the limit is {MAX_MESSAGE_LENGTH:,}. "
            "Nothing was sent: you could split it into two messages."
        )
    return text


def _client_uuid(value) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        raise MessageRefused("This message could not be sent; please reload the page.") from None


NUDGE_SUBJECT = "A message is waiting for you"
NUDGE_BODY = (
    "A message is waiting for you in Alongside. Sign in to read it whenever suits you.\n\n"
    "You get this email because you asked for it; you can turn it off in your account."
)


def unread_nudges_send(*, now: datetime | None = None) -> int:
    """Email each person who asked for it that messages have waited unread for a while.

    One email per person per run, never the words, the sender or the partnership; each message
    nudges once, so running twice (or on two schedulers) sends nothing more."""
    cutoff = (now or timezone.now()) - timedelta(minutes=settings.CONVERSATION_NUDGE_MINUTES)
    waiting = (
        Message.objects.filter(
            read_at__isnull=True, nudged_at__isnull=True, created_at__lt=cutoff,
            partnership__state__in=CURRENT_STATES,
        )
        .select_related("partnership__peer", "partnership__mentor")
        .only("pk", "sender_id", "partnership__peer", "partnership__mentor")
    )  # fmt: skip
    by_reader: dict = {}
    for message in waiting:
        pair = message.partnership
        reader = pair.mentor if message.sender_id == pair.peer_id else pair.peer
        if reader.is_active and reader.email_when_messages_wait:
            by_reader.setdefault(reader, []).append(message.pk)
    sent = 0
    for reader, ids in by_reader.items():
        with transaction.atomic():
            if not Message.objects.filter(pk__in=ids, nudged_at__isnull=True).update(
                nudged_at=timezone.now()
            ):
                continue  # another run got there first
            transaction.on_commit(
                lambda email=reader.email: send_mail(
                    NUDGE_SUBJECT, NUDGE_BODY, settings.DEFAULT_FROM_EMAIL, [email]
                )
            )
        sent += 1
    return sent
