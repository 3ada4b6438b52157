"""The migration that encrypts a peer's plaintext intake answers in place, and its reverse."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader


def _newest(app_label):
    return MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes(app_label)[0]


# Accounts stays at its newest migration: only the intake columns move back and forth.
ACCOUNTS = _newest("accounts")
BEFORE = [("intake", "0001_move_peer_intake"), ACCOUNTS]
# Forward to the newest intake migration: the model read below has every newer column.
AFTER = [("intake", "0003_steps_saved"), ACCOUNTS]
PLAIN = {
    "meeting_modes": ["in_person"],
    "preferred_times": ["mon-evening"],
    "languages": ["fr"],
    "region": "Region-marker",
    "prefer_age_range": "50+",
    "prefer_lgbtq2s": True,
    "shared_items": ["hopes"],
}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture(autouse=True)
def _latest_afterwards():
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _raw_row() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM intake_peerintake")
        return " ".join(str(value) for value in cursor.fetchone())


@pytest.mark.django_db(transaction=True)
def test_plaintext_answers_are_encrypted_in_place_and_read_back_the_same():
    apps = _migrate(BEFORE)
    user = apps.get_model("accounts", "User").objects.create(email="p@example.org")
    apps.get_model("intake", "PeerIntake").objects.create(peer_id=user.pk, **PLAIN)
    assert "Region-marker" in _raw_row()
    _migrate(AFTER)
    from alongside.intake.models import PeerIntake

    intake = PeerIntake.objects.get()
    assert {name: getattr(intake, name) for name in PLAIN} == PLAIN
    raw = _raw_row()
    assert "Region-marker" not in raw and "in_person" not in raw and "mon-evening" not in raw

    old = _migrate(BEFORE).get_model("intake", "PeerIntake").objects.get()
    assert {name: getattr(old, name) for name in PLAIN} == PLAIN  # the reverse restores them
    old.delete()
    _migrate(AFTER)
