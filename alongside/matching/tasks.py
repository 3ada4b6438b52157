"""Background work for matching, through the Django tasks API (database or RQ backend)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from alongside.accounts.models import User


@task()
def send_notice_email(*, user_id: int, subject: str, body: str) -> None:
    """A short notice by email. Bodies never carry private content: only "come and look"."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@task()
def notify_waitlist_task() -> int:
    """Tell waitlisted peers when a mentor who fits them has become available."""
    from alongside.matching.services import waitlist_notify

    return waitlist_notify()


@task()
def expire_requests_task() -> int:
    """Expire requests the mentor has not answered in time (also `manage.py expire_requests`)."""
    from alongside.matching.services import requests_expire

    return requests_expire()
