"""Background work for partnerships, through the Django tasks API."""

from django_tasks import task


@task()
def meeting_reminders_task() -> int:
    from alongside.partnerships.meetings import reminders_send

    return reminders_send()
