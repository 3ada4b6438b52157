"""Backing up and restoring: a backup restores whole into a new database, with its private text
readable and its audit chain intact; it never holds a key; it never overwrites a database."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from alongside.accounts.models import User
from alongside.accounts.services import private_content_open
from alongside.audit.models import Action
from alongside.conversations.access import access_conversation
from alongside.conversations.models import Message
from alongside.conversations.services import message_send
from alongside.core.backup import verify

ROOT = Path(__file__).resolve().parents[2]
# Backups are made outside any transaction (PostgreSQL exports the dump's snapshot from one).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def program(partnership, peer, coordinator):
    access = access_conversation(peer, partnership.pk)
    for n in range(3):
        message_send(access=access, sender=peer, body=f"kept safe {n}", client_id=uuid.uuid4())
    private_content_open(
        staff=coordinator, subject=peer, action=Action.ESCALATION_OPEN,
        target_type="peer_intake", target_id=1, reason="checking on a safety concern",
    )  # fmt: skip
    return partnership


def _backup(folder: Path) -> dict:
    call_command("backup", str(folder), stdout=io.StringIO())
    return json.loads((folder / "manifest.json").read_text())


def _manage(database_url: str, var_dir: Path, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "ALONGSIDE_VAR_DIR": str(var_dir)}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
        AUDIT_CHAIN_KEYS=",".join(settings.AUDIT_CHAIN_KEYS),
    )
    done = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def empty_database(tmp_path):
    """A new database with no tables, of the same engine as the suite's, as a DATABASE_URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    db = connection.settings_dict
    name = f"restore_test_{uuid.uuid4().hex[:8]}"
    tool_env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    args = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"]]
    subprocess.run(["createdb", *args, name], env=tool_env, check=True)  # noqa: S603, S607
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    yield f"postgres://{db['USER']}{password}@{args[1]}:{args[3]}/{name}"
    subprocess.run(["dropdb", *args, "--if-exists", name], env=tool_env, check=True)  # noqa: S603, S607


def test_a_backup_restores_whole_into_a_new_database(program, tmp_path, empty_database):
    manifest = _backup(tmp_path / "backup")
    assert manifest["engine"] == connection.vendor
    tables = {name.removeprefix("public."): rows for name, rows in manifest["tables"].items()}
    assert tables["conversations_message"] == Message.objects.count() == 3
    assert tables["accounts_user"] == User.objects.count()

    restored = _manage(empty_database, tmp_path, "restore", str(tmp_path / "backup"))
    assert "every count matching the manifest" in restored
    checked = _manage(empty_database, tmp_path, "rotate_encryption_keys", "--check")
    assert "0 still under an older key" in checked
    assert "audit chain intact" in _manage(empty_database, tmp_path, "verify_audit_chain")
    read_back = _manage(
        empty_database, tmp_path, "shell", "-c",
        "from alongside.conversations.models import Message;"
        "print(sorted(m.body for m in Message.objects.all()))",
    )  # fmt: skip
    assert "['kept safe 0', 'kept safe 1', 'kept safe 2']" in read_back


def test_a_backup_never_holds_a_key_nor_private_text_in_the_clear(program, tmp_path):
    _backup(tmp_path / "backup")
    for path in (tmp_path / "backup").iterdir():
        content = path.read_bytes()
        for key in [*settings.FIELD_ENCRYPTION_KEYS, *settings.AUDIT_CHAIN_KEYS]:
            assert key.encode() not in content, path.name
        assert b"kept safe" not in content, path.name  # (a PostgreSQL dump is compressed too)


def test_it_refuses_to_restore_over_a_database_with_tables_and_changes_nothing(program, tmp_path):
    manifest = _backup(tmp_path / "backup")
    call_command("rotate_encryption_keys", "--check", stdout=io.StringIO())
    with pytest.raises(CommandError, match="database is not empty.*nothing was changed"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())
    assert verify(manifest) == []


def test_it_refuses_a_backup_whose_file_was_changed(program, tmp_path):
    manifest = _backup(tmp_path / "backup")
    dump = tmp_path / "backup" / manifest["file"]
    dump.write_bytes(dump.read_bytes()[:-10])
    with pytest.raises(CommandError, match="does not match the manifest's checksum"):
        call_command("restore", str(tmp_path / "backup"), stdout=io.StringIO())


def test_it_will_not_write_into_a_folder_that_holds_something(tmp_path, db):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "earlier.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not an empty folder"):
        call_command("backup", str(tmp_path / "backup"), stdout=io.StringIO())
    assert [p.name for p in (tmp_path / "backup").iterdir()] == ["earlier.txt"]


def test_the_sqlite_copy_is_a_plain_database_file(tmp_path, db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    manifest = _backup(tmp_path / "backup")
    with sqlite3.connect(tmp_path / "backup" / "database.sqlite3") as copy:
        rows = copy.execute("SELECT COUNT(*) FROM django_migrations").fetchone()[0]
    assert rows == manifest["tables"]["django_migrations"] > 0
