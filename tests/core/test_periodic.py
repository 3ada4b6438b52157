"""The periodic jobs `make run` and production schedule, and the worker that runs them."""

from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.core.management import call_command

from alongside.core.periodic import PeriodicJob, due_jobs, every, registered_jobs, run_due

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class FakeTask:
    def __init__(self, fails=False):
        self.enqueued = 0
        self.fails = fails

    def enqueue(self):
        if self.fails:
            raise ConnectionError("queue is down")
        self.enqueued += 1


def test_a_job_is_due_at_start_and_again_only_after_its_interval():
    job = PeriodicJob("hourly", timedelta(hours=1), FakeTask())
    last = {}
    assert due_jobs([job], last, T0) == [job]
    run_due([job], last, T0)
    assert due_jobs([job], last, T0 + timedelta(minutes=59)) == []
    assert due_jobs([job], last, T0 + timedelta(hours=1)) == [job]


def test_a_failing_enqueue_does_not_stop_the_others_and_is_retried():
    broken, fine = FakeTask(fails=True), FakeTask()
    jobs = [PeriodicJob("broken", timedelta(hours=1), broken),
            PeriodicJob("fine", timedelta(hours=1), fine)]  # fmt: skip
    last, lines = {}, []
    started = run_due(jobs, last, T0, report=lines.append)
    assert [job.name for job in started] == ["fine"] and fine.enqueued == 1
    assert "could not enqueue broken" in lines[0]
    broken.fails = False
    assert [job.name for job in run_due(jobs, last, T0 + timedelta(seconds=15))] == ["broken"]


def test_a_job_needs_a_positive_interval():
    with pytest.raises(ValueError, match="positive interval"):
        every(timedelta(0), FakeTask(), name="never")


def test_matching_schedules_expiry_hourly_and_the_waiting_list_daily():
    schedule = {job.name: job.every for job in registered_jobs()}
    assert schedule["expire_requests"] == timedelta(hours=1)
    assert schedule["notify_waitlist"] == timedelta(days=1)


@pytest.mark.skipif(
    settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend",
    reason="the database worker is the embedded default; RQ is covered by its own worker",
)
@pytest.mark.django_db(transaction=True)
def test_the_scheduler_enqueues_and_the_worker_runs_every_job(capsys):
    from django_tasks_db.models import DBTaskResult

    call_command("run_periodic", "--once")
    assert DBTaskResult.objects.filter(status="READY").count() == len(registered_jobs())
    call_command("run_worker", "--batch")
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
