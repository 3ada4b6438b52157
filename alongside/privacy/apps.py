from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "alongside.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from datetime import timedelta

        from alongside.core import periodic
        from alongside.privacy.tasks import retention_task

        periodic.every(timedelta(hours=6), retention_task, name="privacy_retention")
