import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from alongside.core.periodic import registered_jobs, run_due


class Command(BaseCommand):
    help = "Enqueue each registered periodic job when it is due (run one of these per install)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="enqueue every job once, then exit")
        parser.add_argument("--tick", type=float, default=15.0, help="seconds between checks")

    def handle(self, *args, once: bool, tick: float, **options):
        jobs = registered_jobs()
        for job in jobs:
            self.stdout.write(f"{job.name}: every {job.every}")
        last_runs: dict = {}
        while True:
            run_due(jobs, last_runs, timezone.now(), report=self.stdout.write)
            if once:
                return
            time.sleep(tick)
