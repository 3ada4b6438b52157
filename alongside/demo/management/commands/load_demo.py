from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alongside.demo.program import DEMO_PASSWORD, DEMO_TOTP_SECRET, load_demo


class Command(BaseCommand):
    help = "Create the demo accounts (one per role). Refused when DEBUG is off."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo accounts have published passwords; refusing with DEBUG off")
        for user in load_demo():
            roles = ", ".join(sorted(user.role_set))
            self.stdout.write(f"  {user.email:<36} {roles}")
        self.stdout.write(f"password for every demo account: {DEMO_PASSWORD}")
        self.stdout.write(f"authenticator secret for coordinator and admin: {DEMO_TOTP_SECRET}")
        self.stdout.write("current code: python manage.py demo_code")
