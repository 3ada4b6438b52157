from django.core.management.base import BaseCommand

from alongside.matching.services import waitlist_notify


class Command(BaseCommand):
    help = "Tell waitlisted peers when a mentor who fits them is available (a safety net)."

    def handle(self, *args, **options):
        count = waitlist_notify()
        self.stdout.write(f"notified {count} waiting peer{'s' if count != 1 else ''}")
