"""Background work for conversations, through the Django tasks API (database or RQ backend)."""

from django_tasks import task


@task()
def unread_nudges_task() -> int:
    """Email the people who asked for it that a message waits for them (no words in it)."""
    from alongside.conversations.services import unread_nudges_send

    return unread_nudges_send()
