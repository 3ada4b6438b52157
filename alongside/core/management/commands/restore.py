from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.core.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured database, which must be new and empty (no "
        "tables at all), then check every table's row count against the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="a folder written by manage.py backup")

    def handle(self, *args, path: Path, **options):
        try:
            manifest, mismatches = restore(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        for m in mismatches:
            self.stderr.write(f"{m.table}: {m.expected} row(s) in the backup, {m.found} restored")
        if mismatches:
            raise CommandError(
                f"{len(mismatches)} table(s) do not match the manifest: do not use this database"
            )
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"restored the backup of {manifest['created_at']}: {len(manifest['tables'])} "
                f"tables, {rows} rows, every count matching the manifest"
            )
        )
