"""Background work for safety, through the Django tasks API (database or RQ backend).

The escalation row is the source of truth: these tasks only page from it, and each attempt is
recorded, so a task lost with a crashed worker is made good by the watchdog."""

from django_tasks import task


@task()
def notify_escalation_task(*, escalation_id: int, round_number: int) -> int:
    from alongside.safety.services import escalation_notify

    return escalation_notify(escalation_id=escalation_id, round_number=round_number)


@task()
def escalation_watchdog_task() -> int:
    """Re-notify unacknowledged urgent escalations (also `manage.py escalation_watchdog`)."""
    from alongside.safety.services import escalation_watchdog

    return escalation_watchdog()
