from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "alongside.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        from datetime import timedelta

        from django.conf import settings

        from alongside.core import periodic
        from alongside.safety.tasks import escalation_watchdog_task

        periodic.every(
            timedelta(minutes=settings.ESCALATION_RENOTIFY_MINUTES),
            escalation_watchdog_task,
            name="escalation_watchdog",
        )
