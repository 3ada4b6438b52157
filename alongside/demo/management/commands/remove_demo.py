from django.core.management.base import BaseCommand

from alongside.demo.program import remove_demo


class Command(BaseCommand):
    help = "Delete every demo account and what belongs to it (works with DEBUG on or off)."

    def handle(self, *args, **options):
        removed = remove_demo()
        self.stdout.write(f"removed {removed} demo account(s)")
