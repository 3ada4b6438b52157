from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "alongside.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from datetime import timedelta

        from alongside.core import periodic
        from alongside.matching import receivers  # noqa: F401  (listens to lower apps' events)
        from alongside.matching.tasks import expire_requests_task, notify_waitlist_task

        periodic.every(timedelta(hours=1), expire_requests_task, name="expire_requests")
        # A safety net: the events that open a place already tell waiting peers at once.
        periodic.every(timedelta(days=1), notify_waitlist_task, name="notify_waitlist")
