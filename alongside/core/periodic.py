"""Periodic jobs: each app registers its tasks here; one scheduler process enqueues them.

The scheduler only enqueues (the task worker runs them), so the same jobs run on the database
backend and on RQ. Every job must be safe to run twice: the scheduler runs each one when it
starts, and a restart may repeat a run.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    every: timedelta
    task: object  # a django_tasks Task: anything with .enqueue()


_JOBS: dict[str, PeriodicJob] = {}


def every(interval: timedelta, task, *, name: str = "") -> PeriodicJob:
    """Register `task` to be enqueued once per `interval` (registering again replaces it)."""
    if interval <= timedelta(0):
        raise ValueError("a periodic job needs a positive interval")
    job = PeriodicJob(name or getattr(task, "name", "") or repr(task), interval, task)
    _JOBS[job.name] = job
    return job


def registered_jobs() -> list[PeriodicJob]:
    return sorted(_JOBS.values(), key=lambda job: job.name)


def due_jobs(jobs: Iterable[PeriodicJob], last_runs: dict[str, datetime], now: datetime):
    """Jobs never run by this scheduler, or whose interval has passed since their last run."""
    return [
        job for job in jobs if job.name not in last_runs or now - last_runs[job.name] >= job.every
    ]


def run_due(
    jobs: Iterable[PeriodicJob], last_runs: dict[str, datetime], now: datetime,
    report: Callable[[str], None] = lambda line: None,
) -> list[PeriodicJob]:  # fmt: skip
    """Enqueue every due job and remember when; a failing enqueue is retried next round."""
    started = []
    for job in due_jobs(jobs, last_runs, now):
        try:
            job.task.enqueue()
        except Exception as exc:  # noqa: BLE001 (one broken job must not stop the others)
            report(f"could not enqueue {job.name}: {exc}")
            continue
        last_runs[job.name] = now
        started.append(job)
        report(f"enqueued {job.name}")
    return started
