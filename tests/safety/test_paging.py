"""Paging is idempotent, a watchdog re-notifies, and nothing is lost with the worker down."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from alongside.accounts.models import Role
from alongside.accounts.services import role_grant
from alongside.core.periodic import registered_jobs
from alongside.safety.models import Escalation, NotificationAttempt
from alongside.safety.services import (
    EMAIL_SUBJECT,
    escalation_acknowledge,
    escalation_notify,
    escalation_raise,
    escalation_watchdog,
)
from alongside.safety.tasks import notify_escalation_task
from tests.conftest import make_person


@pytest.fixture
def two_coordinators(coordinator):
    other = make_person("erin@example.org", "Erin", Role.COORDINATOR, totp=True)
    return [coordinator, other]


def urgent(partnership, peer) -> Escalation:
    return escalation_raise(partnership=partnership, message_id=7, level="urgent", raised_by=peer)


def counts_by_round(escalation) -> dict:
    rows = NotificationAttempt.objects.filter(escalation=escalation, ok=True)
    return {r: rows.filter(round=r).count() for r in set(rows.values_list("round", flat=True))}


def test_running_a_round_again_pages_nobody_twice(partnership, peer, two_coordinators, mailoutbox):
    escalation = urgent(partnership, peer)
    assert escalation_notify(escalation_id=escalation.pk, round_number=1) == 4
    assert escalation_notify(escalation_id=escalation.pk, round_number=1) == 0
    assert counts_by_round(escalation) == {1: 4} and len(mailoutbox) == 2


def test_the_watchdog_starts_a_new_round_only_when_one_is_due(
    partnership, peer, two_coordinators, mailoutbox
):
    escalation = urgent(partnership, peer)
    escalation_notify(escalation_id=escalation.pk, round_number=1)
    assert escalation_watchdog() == 0  # round 1 is fresh and delivered
    later = timezone.now() + timedelta(minutes=settings.ESCALATION_RENOTIFY_MINUTES)
    assert escalation_watchdog(now=later) == 4
    assert escalation_watchdog(now=later) == 0
    assert counts_by_round(escalation) == {1: 4, 2: 4}
    assert escalation_watchdog(now=later + timedelta(minutes=5)) == 4
    assert counts_by_round(escalation) == {1: 4, 2: 4, 3: 4} and len(mailoutbox) == 6


def test_an_acknowledged_escalation_is_not_paged_again(partnership, peer, coordinator):
    escalation = urgent(partnership, peer)
    escalation_acknowledge(escalation=escalation, coordinator=coordinator)
    assert escalation_watchdog(now=timezone.now() + timedelta(hours=1)) == 0
    assert escalation_notify(escalation_id=escalation.pk, round_number=1) == 0


def test_a_late_task_for_a_replaced_round_pages_nobody(partnership, peer, coordinator):
    escalation = urgent(partnership, peer)
    escalation_watchdog(now=timezone.now() + timedelta(minutes=10))  # round 2 delivered
    assert escalation_notify(escalation_id=escalation.pk, round_number=1) == 0
    assert counts_by_round(escalation) == {2: 2}


def test_a_failed_email_is_recorded_and_retried_next_round(
    partnership, peer, coordinator, monkeypatch
):
    escalation = urgent(partnership, peer)

    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("alongside.safety.services.send_mail", down)
    escalation_notify(escalation_id=escalation.pk, round_number=1)
    failed = NotificationAttempt.objects.get(channel="email", round=1)
    assert not failed.ok and failed.error == "ConnectionRefusedError"
    monkeypatch.undo()
    escalation_watchdog(now=timezone.now() + timedelta(minutes=10))
    assert NotificationAttempt.objects.get(channel="email", round=2).ok


def test_a_channel_layer_that_is_down_loses_only_the_push(
    partnership, peer, coordinator, monkeypatch
):
    escalation = urgent(partnership, peer)

    def down():
        raise ConnectionError("channel layer down")

    monkeypatch.setattr("alongside.core.realtime.get_channel_layer", down)
    assert escalation_notify(escalation_id=escalation.pk, round_number=1) == 2
    assert counts_by_round(escalation) == {1: 2}


def test_a_new_coordinator_is_told_in_the_next_round(partnership, peer, coordinator, another_peer):
    escalation = urgent(partnership, peer)
    escalation_notify(escalation_id=escalation.pk, round_number=1)
    role_grant(user=another_peer, role=Role.COORDINATOR, by=None, reason="joined the team")
    escalation_watchdog(now=timezone.now() + timedelta(minutes=10))
    assert NotificationAttempt.objects.filter(coordinator=another_peer, round=2).count() == 2


def test_the_watchdog_runs_every_renotify_interval():
    schedule = {job.name: job.every for job in registered_jobs()}
    assert schedule["escalation_watchdog"] == timedelta(
        minutes=settings.ESCALATION_RENOTIFY_MINUTES
    )


def test_the_watchdog_command_sends_without_a_worker(partnership, peer, coordinator, capsys):
    escalation = urgent(partnership, peer)
    Escalation.objects.filter(pk=escalation.pk).update(
        round_started_at=timezone.now() - timedelta(minutes=30)
    )
    call_command("escalation_watchdog")
    assert "sent 2 notices" in capsys.readouterr().out
    assert counts_by_round(escalation) == {2: 2}


@pytest.mark.skipif(
    settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend",
    reason="the database worker is the embedded default; RQ is covered by its own worker",
)
@pytest.mark.django_db(transaction=True)
def test_with_the_worker_down_the_escalation_waits_and_is_paged_once_it_returns(
    partnership, peer, two_coordinators, mailoutbox
):
    from django_tasks_db.models import DBTaskResult

    escalation = urgent(partnership, peer)  # committed: no worker runs it yet
    assert Escalation.objects.filter(pk=escalation.pk).exists()
    assert not NotificationAttempt.objects.exists()
    waiting = DBTaskResult.objects.filter(
        status="READY", task_path__endswith="notify_escalation_task"
    )
    assert waiting.count() == 1
    call_command("run_worker", "--batch")  # the worker comes back
    assert counts_by_round(escalation) == {1: 4} and len(pages(mailoutbox)) == 2
    notify_escalation_task.enqueue(escalation_id=escalation.pk, round_number=1)  # a retry
    call_command("run_worker", "--batch")
    assert counts_by_round(escalation) == {1: 4} and len(pages(mailoutbox)) == 2


def pages(mailoutbox) -> list:
    return [mail for mail in mailoutbox if mail.subject == EMAIL_SUBJECT]


@pytest.mark.skipif(
    settings.TASKS["default"]["BACKEND"] != "django_tasks_rq.RQBackend",
    reason="the RQ case: runs only against Redis (make test-services)",
)
@pytest.mark.django_db(transaction=True)
def test_on_rq_a_job_lost_with_its_worker_is_delivered_by_the_watchdog(
    partnership, peer, two_coordinators, mailoutbox
):
    """RQ keeps the paging job in Redis; a worker that dies holding it loses it. The
    escalation row still says who is owed a page, and the watchdog, run by a real RQ worker,
    delivers it once."""
    import django_rq
    from django_tasks_rq.backend import Job
    from rq.worker import SimpleWorker

    from alongside.safety.tasks import escalation_watchdog_task

    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    escalation = urgent(partnership, peer)
    assert queue.count == 1  # the paging job waits for a worker
    queue.empty()  # the worker that took it died: the job is gone
    assert not NotificationAttempt.objects.exists()

    def work():  # a real RQ worker, in this process so the test database and outbox are shared
        SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)

    work()
    assert not NotificationAttempt.objects.exists()  # nothing left in the queue to run
    escalation_watchdog_task.enqueue()  # the scheduler's next beat
    work()
    assert counts_by_round(escalation) == {1: 4} and len(pages(mailoutbox)) == 2
    escalation_watchdog_task.enqueue()
    work()
    assert counts_by_round(escalation) == {1: 4} and len(pages(mailoutbox)) == 2  # once only


@pytest.mark.skipif(
    settings.TASKS["default"]["BACKEND"] != "django_tasks_rq.RQBackend",
    reason="the RQ case: runs only against Redis (make test-services)",
)
@pytest.mark.django_db(transaction=True)
def test_on_rq_with_the_worker_process_down_the_page_waits_and_goes_once_it_returns(
    partnership, peer, two_coordinators
):
    """The embedded case above, on PostgreSQL and Redis: no worker runs while the urgent
    message is stored; then `manage.py run_worker` starts as its own process and pages each
    coordinator once per channel, and a retried job pages nobody twice. (This test found that
    the RQ worker ran with RQ's own job class, which fails every django-tasks task.)"""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import django_rq
    from django.db import connection
    from django_tasks_rq.backend import Job

    queue = django_rq.get_queue("default", job_class=Job)
    queue.empty()
    escalation = urgent(partnership, peer)  # committed; nothing runs it yet
    assert queue.count == 1 and not NotificationAttempt.objects.exists()

    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    root = Path(__file__).resolve().parents[2]

    def worker_process():  # the worker comes back, as a separate process
        done = subprocess.run(
            [sys.executable, "manage.py", "run_worker", "--batch"], cwd=root, env=env,
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]

    worker_process()
    assert counts_by_round(escalation) == {1: 4}  # two coordinators, in the app and by email
    notify_escalation_task.enqueue(escalation_id=escalation.pk, round_number=1)  # a retry
    worker_process()
    assert counts_by_round(escalation) == {1: 4}
