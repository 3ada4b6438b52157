"""Conversations: the messages of every partnership a person was in, both sides."""

from django.db.models import Q
from django.utils import timezone

from alongside.conversations.models import ConversationRetention, Message
from alongside.core.personal_data import exempt, json_safe, register


def _messages(user) -> list[dict]:
    rows = (
        Message.objects.filter(Q(partnership__peer=user) | Q(partnership__mentor=user))
        .select_related("sender")
        .order_by("partnership_id", "id")
    )
    return [
        {
            "partnership": row.partnership_id,
            "from": "you" if row.sender_id == user.pk else row.sender.display_name,
            "sent_at": json_safe(row.created_at),
            "read_at": json_safe(row.read_at),
            "text": "" if row.removed_at else row.body,
        }
        for row in rows.iterator(chunk_size=1000)
    ]


def _erase(user) -> None:
    # The other person keeps their side and sees a note where each of these messages was.
    Message.objects.filter(sender=user, removed_at__isnull=True).update(
        body="", removed_at=timezone.now()
    )
    # A keep asked for by someone who has gone no longer holds the conversation back.
    ConversationRetention.objects.filter(kept_by=user).update(kept_by=None, kept_at=None)


register(
    app_label="conversations", key="conversations.messages",
    title="Messages in your partnerships (yours and the other person's)",
    models=("conversations.Message", "conversations.ConversationRetention"),
    export=_messages, erase=_erase,
)  # fmt: skip
exempt("conversations.CoachMonthlyCount", "anonymous counts per month: no person, no words")
