from django.core.management.base import BaseCommand, CommandError

from alongside.audit.models import AuditEvent
from alongside.audit.selectors import audit_chain_problems


class Command(BaseCommand):
    help = "Check that no audit event was changed, removed or reordered (exit status 1 if so)."

    def handle(self, *args, **options):
        problems = list(audit_chain_problems())
        for problem in problems:
            self.stderr.write(f"event {problem.event_id}: {problem.problem}")
        if problems:
            raise CommandError(f"audit chain is broken in {len(problems)} place(s)")
        count = AuditEvent.objects.count()
        self.stdout.write(self.style.SUCCESS(f"audit chain intact: {count} event(s) verified"))
