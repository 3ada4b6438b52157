from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a task worker for the configured backend: the database worker, or RQ on Redis."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")

    def handle(self, *args, batch: bool, **options):
        backend = settings.TASKS["default"]["BACKEND"]
        if backend == "django_tasks_db.DatabaseBackend":
            call_command("db_worker", batch=batch, reload=False, startup_delay=not batch)
        elif backend == "django_tasks_rq.RQBackend":
            # The tasks backend's own job class: RQ's default cannot run a django-tasks Task.
            call_command(
                "rqworker", *settings.TASKS["default"]["QUEUES"], burst=batch,
                job_class="django_tasks_rq.backend.Job",
            )  # fmt: skip
        else:
            self.stderr.write(f"{backend} runs its tasks itself; no worker is needed")
