from django.core.management.base import BaseCommand

from alongside.safety.services import escalation_watchdog


class Command(BaseCommand):
    help = (
        "Re-notify coordinators of unacknowledged urgent escalations (run every "
        "ESCALATION_RENOTIFY_MINUTES from cron; it sends directly, without the task worker)."
    )

    def handle(self, *args, **options):
        count = escalation_watchdog()
        self.stdout.write(f"sent {count} notice{'s' if count != 1 else ''}")
