from django.core.management.base import BaseCommand, CommandError

from alongside.accounts.models import Role, User
from alongside.accounts.services import role_grant


class Command(BaseCommand):
    help = "Give an existing account a role (use it to appoint the first administrator)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--reason", default="granted from the command line")

    def handle(self, *args, email, role, reason, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"no account uses the email {email!r}")
        role_grant(user=user, role=role, by=None, reason=reason)
        self.stdout.write(self.style.SUCCESS(f"{user.email} now holds the role {role}"))
