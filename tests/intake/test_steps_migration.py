"""Intakes saved whole, before the intake had steps, count as complete afterwards."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

# Accounts stays at its newest migration: only intake moves.
ACCOUNTS = MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes("accounts")[0]


@pytest.fixture(autouse=True)
def _latest_afterwards():
    """Back to the newest schema, so later tests find every table and column."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("intake", target), ACCOUNTS])
    return executor.loader.project_state([("intake", target), ACCOUNTS]).apps


@pytest.mark.django_db(transaction=True)
def test_an_intake_saved_before_the_steps_is_complete():
    apps = _migrate("0002_encrypt_private_columns")
    user = apps.get_model("accounts", "User").objects.create(email="p@example.org")
    apps.get_model("intake", "PeerIntake").objects.create(peer_id=user.pk, hopes="kept")
    _migrate("0003_steps_saved")
    from alongside.intake.models import PeerIntake

    intake = PeerIntake.objects.get()
    assert intake.is_complete and intake.hopes == "kept"
