from django.core.management.base import BaseCommand

from alongside.matching.services import requests_expire


class Command(BaseCommand):
    help = "Expire mentor requests left unanswered for MENTOR_REQUEST_EXPIRY_DAYS (run hourly)."

    def handle(self, *args, **options):
        count = requests_expire()
        self.stdout.write(f"expired {count} request{'s' if count != 1 else ''}")
