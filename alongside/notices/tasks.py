"""Background work for notices, through the Django tasks API (database or RQ backend)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from alongside.notices.models import Notice


@task()
def send_notice_email_task(*, notice_id: int) -> bool:
    """Email one notice to its recipient, if they can still sign in; the same words as in the
    app and nothing anyone wrote."""
    notice = Notice.objects.select_related("recipient").filter(pk=notice_id).first()
    if notice is None or not notice.recipient.is_active:
        return False
    send_mail(
        notice.headline,
        email_body(notice),
        settings.DEFAULT_FROM_EMAIL,
        [notice.recipient.email],
    )
    return True


def email_body(notice: Notice) -> str:
    name = settings.PROGRAM_NAME
    lines = [notice.body] if notice.body else []
    lines.append(f"Sign in to {name} to see it; it is also listed under Notices.")
    lines.append(f"\n{name}")
    return "\n\n".join(lines)
