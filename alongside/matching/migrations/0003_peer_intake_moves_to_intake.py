"""Matching forgets the peer's intake, which now lives in the intake app (same rows)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_intake_requests_waitlist"),
        ("intake", "0001_move_peer_intake"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PeerIntake")],
            database_operations=[],
        ),
    ]
