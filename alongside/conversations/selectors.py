"""Reads of a conversation: pages of history (newest first, by cursor), what is new since a
message, and unread counts. Each runs a fixed number of queries however long the history."""

from dataclasses import dataclass

from django.db.models import Count

from alongside.accounts.models import User
from alongside.conversations.access import ConversationAccess
from alongside.conversations.models import Message

PAGE_SIZE = 30


@dataclass(frozen=True)
class HistoryPage:
    messages: list[Message]  # oldest first, ready to show
    older_cursor: int | None  # pass as `before` for the page before this one


def history_page(access: ConversationAccess, *, before: int | None = None) -> HistoryPage:
    rows = Message.objects.filter(partnership=access.partnership)
    if before is not None:
        rows = rows.filter(pk__lt=before)
    newest_first = list(rows.order_by("-id")[: PAGE_SIZE + 1])
    has_older = len(newest_first) > PAGE_SIZE
    shown = newest_first[:PAGE_SIZE]
    return HistoryPage(list(reversed(shown)), shown[-1].pk if has_older and shown else None)


def messages_after(access: ConversationAccess, *, after: int) -> list[Message]:
    """Messages newer than `after`, oldest first (what a polling page has not shown yet)."""
    rows = Message.objects.filter(partnership=access.partnership, pk__gt=after)
    return list(rows.order_by("id")[:PAGE_SIZE])


def messages_leading_to(partnership_id: int, message_id: int, *, before: int = 5) -> list:
    """The message that raised an escalation and the few before it, oldest first: the bounded
    context a coordinator sees once they have recorded why they open it."""
    rows = Message.objects.filter(partnership_id=partnership_id, pk__lte=message_id)
    return list(reversed(rows.select_related("sender").order_by("-id")[: before + 1]))


def statuses_of_mine(access: ConversationAccess, sender: User, ids: list[int]) -> dict[int, str]:
    """Sent, delivered or read, for the sender's own messages among these ids."""
    rows = Message.objects.filter(partnership=access.partnership, sender=sender, pk__in=ids)
    return {m.pk: m.status for m in rows.only("pk", "delivered_at", "read_at")}


def with_unread(partnerships, user: User) -> list[tuple]:
    """Each partnership with the number of messages waiting for this person (one query)."""
    partnerships = list(partnerships)
    counts = dict(
        Message.objects.filter(partnership__in=partnerships, read_at__isnull=True)
        .exclude(sender=user)
        .values("partnership")
        .annotate(n=Count("pk"))
        .values_list("partnership", "n")
    )
    return [(p, counts.get(p.pk, 0)) for p in partnerships]
