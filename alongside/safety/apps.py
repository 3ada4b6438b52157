from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "alongside.safety"
    label = "safety"
    verbose_name = "Safety"

    def ready(self) -> None:
        from datetime import timedelta

        from django.conf import settings
        from django.db.models.signals import post_delete, post_save

        from alongside.core import periodic
        from alongside.safety.models import CrisisResource
        from alongside.safety.selectors import forget_footer_crisis_lines

        def _directory_changed(sender, **kwargs):
            forget_footer_crisis_lines()

        for signal in (post_save, post_delete):
            signal.connect(_directory_changed, sender=CrisisResource, weak=False,
                           dispatch_uid=f"crisis-footer-{signal is post_save}")  # fmt: skip
        from alongside.safety.tasks import escalation_watchdog_task

        periodic.every(
            timedelta(minutes=settings.ESCALATION_RENOTIFY_MINUTES),
            escalation_watchdog_task,
            name="escalation_watchdog",
        )
