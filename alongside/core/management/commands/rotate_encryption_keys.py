from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from alongside.core.keyrotation import RotationError, check, encrypted_models, rotate_model


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field under the first key in FIELD_ENCRYPTION_KEYS, in "
        "batches; safe to stop and run again (values already under that key are skipped)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=500, help="rows per transaction (default 500)"
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="change nothing: decrypt every value and count those still under an older key",
        )

    def handle(self, *args, batch_size: int, check: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        targets = encrypted_models()
        self.stdout.write(
            f"{len(targets)} model(s) hold encrypted fields; "
            f"{len(settings.FIELD_ENCRYPTION_KEYS)} key(s) configured"
        )
        # Rotation starts with the full check, so a value no key can read stops it before any
        # write rather than halfway through the database.
        result = self._check(targets, batch_size)
        if check:
            return
        for target in targets:
            try:
                rotated, already = rotate_model(
                    target, batch_size=batch_size, report=self.stdout.write
                )
            except RotationError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(
                f"{target.label}: {rotated} value(s) re-encrypted, "
                f"{already} already under the newest key"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"every value is now under the newest key ({result.values} checked); "
                "older keys may be removed from FIELD_ENCRYPTION_KEYS"
            )
        )

    def _check(self, targets, batch_size):
        result = check(targets, batch_size=batch_size, report=self.stdout.write)
        for where in result.unreadable:
            self.stderr.write(f"cannot decrypt {where}")
        if result.unreadable:
            raise CommandError(
                f"{len(result.unreadable)} value(s) cannot be decrypted with any key in "
                "FIELD_ENCRYPTION_KEYS (is a key missing?); nothing was changed"
            )
        self.stdout.write(
            f"{result.values} value(s) decrypt; {result.under_older_key} still under an older key"
        )
        return result
