from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "alongside.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"

    def ready(self) -> None:
        from datetime import timedelta

        from alongside.core import periodic
        from alongside.partnerships import agreement  # noqa: F401  (hears intake changes)
        from alongside.partnerships.tasks import meeting_reminders_task

        periodic.every(timedelta(minutes=5), meeting_reminders_task, name="meeting_reminders")
