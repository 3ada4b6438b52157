"""The detailed health page shows a stuck worker and, to staff only, a waiting escalation."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from alongside.safety.models import Escalation
from alongside.safety.services import escalation_raise
from tests.conftest import sign_in

pytestmark = pytest.mark.skipif(
    settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend",
    reason="the age of waiting tasks is read from the database backend",
)


@pytest.fixture
def waiting(partnership, peer):
    """An urgent escalation raised ten minutes ago whose paging task no worker has run."""
    from django_tasks_db.models import DBTaskResult

    row = escalation_raise(partnership=partnership, message_id=1, level="urgent", raised_by=peer)
    ten_minutes_ago = timezone.now() - timedelta(minutes=10)
    Escalation.objects.filter(pk=row.pk).update(created_at=ten_minutes_ago)
    from alongside.safety.tasks import notify_escalation_task

    notify_escalation_task.enqueue(escalation_id=row.pk, round_number=1)
    DBTaskResult.objects.update(enqueued_at=ten_minutes_ago)
    return row


def test_anyone_sees_how_long_the_oldest_task_has_waited(waiting):
    body = Client().get("/healthz/detail").json()
    assert body["oldest_unrun_task_seconds"] >= 600
    assert "oldest_unacknowledged_urgent_escalation_seconds" not in body


def test_coordinators_also_see_the_oldest_unacknowledged_urgent_escalation(waiting, coordinator):
    body = sign_in(Client(), coordinator).get("/healthz/detail").json()
    assert body["oldest_unacknowledged_urgent_escalation_seconds"] >= 600


def test_a_quiet_program_reports_nothing_waiting(coordinator):
    body = sign_in(Client(), coordinator).get("/healthz/detail").json()
    assert body["oldest_unrun_task_seconds"] is None
    assert body["oldest_unacknowledged_urgent_escalation_seconds"] is None
