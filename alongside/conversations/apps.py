from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "alongside.conversations"
    label = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from datetime import timedelta

        from alongside.conversations.tasks import unread_nudges_task
        from alongside.core import periodic

        periodic.every(timedelta(minutes=10), unread_nudges_task, name="unread_nudges")
