from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.core.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database into a new folder (the database file or dump and a manifest of "
        "row counts). The encryption and audit keys are never included: keep them elsewhere."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a folder that does not exist yet, or is empty")

    def handle(self, *args, path: Path, **options):
        try:
            manifest = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"backed up {manifest['engine']}: {len(manifest['tables'])} tables, {rows} rows, "
                f"into {path / manifest['file']} (keys not included)"
            )
        )
