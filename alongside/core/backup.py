"""Backing up the database to a folder and restoring it into an empty one, with a manifest of
every table's row count to prove the restore is whole.

A backup holds the database only. FIELD_ENCRYPTION_KEYS and AUDIT_CHAIN_KEYS come from the
environment and are never written into it: a stolen backup without them is unreadable text.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

MANIFEST = "manifest.json"
FORMAT = 1
FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Mismatch:
    table: str
    expected: int | None
    found: int | None


def engine() -> str:
    if connection.vendor not in FILES:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def list_tables(cursor, vendor: str) -> list[str]:
    """Every table in the database, the framework's own included (a restore must bring all)."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute(
            "SELECT schemaname || '.' || tablename FROM pg_catalog.pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
    return sorted(row[0] for row in cursor.fetchall())


def count_rows(cursor, vendor: str) -> dict[str, int]:
    counts = {}
    for table in list_tables(cursor, vendor):
        quoted = ".".join(f'"{part}"' for part in table.split("."))
        cursor.execute(f"SELECT COUNT(*) FROM {quoted}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _prepare_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(f"{folder} already exists and is not an empty folder; choose a new one")
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)  # it holds people's metadata and their (encrypted) words


def backup(folder: Path) -> dict:
    """Write the database and its manifest into `folder` (new or empty); returns the manifest."""
    vendor = engine()
    _prepare_folder(folder)
    target = folder / FILES[vendor]
    tables = _backup_sqlite(target) if vendor == "sqlite" else _backup_postgresql(target)
    target.chmod(0o600)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": vendor,
        "file": target.name,
        "sha256": _sha256(target),
        "tables": tables,
        "keys": "not included: FIELD_ENCRYPTION_KEYS and AUDIT_CHAIN_KEYS stay in the environment",
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    (folder / MANIFEST).chmod(0o600)
    return manifest


def _backup_sqlite(target: Path) -> dict[str, int]:
    """The online backup API copies a consistent snapshot while the site keeps running; the row
    counts are read from the copy itself, so they describe exactly what was saved."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return count_rows(copy.cursor(), "sqlite")
    finally:
        copy.close()


def _pg_environment() -> dict[str, str]:
    """Connection settings for the PostgreSQL tools, passed in their environment so a password
    never shows in the process list."""
    db = connection.settings_dict
    env = dict(os.environ)
    for name, value in [
        ("PGHOST", db.get("HOST")),
        ("PGPORT", db.get("PORT")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
        ("PGDATABASE", db.get("NAME")),
        ("PGSSLMODE", (db.get("OPTIONS") or {}).get("sslmode")),
    ]:
        if value:
            env[name] = str(value)
    return env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found on PATH; install the PostgreSQL client tools "
            "(the same major version as the server, or newer) and try again"
        )
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        command, env=_pg_environment(), capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def _backup_postgresql(target: Path) -> dict[str, int]:
    """pg_dump reads the very snapshot the row counts were taken in (an exported snapshot held
    open by this transaction), so the manifest matches the dump even while people write."""
    pg_dump = _pg_tool("pg_dump")
    if connection.in_atomic_block:
        raise BackupError("run the backup outside a transaction")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = count_rows(cursor, "postgresql")
        _run([pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
    return tables


def read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} holds no {MANIFEST}: is it a backup folder?") from None
    except ValueError:
        raise BackupError(f"{folder / MANIFEST} is not valid JSON") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST} is of format {manifest.get('format')}, not {FORMAT}")
    return manifest


def _check_restorable(folder: Path, manifest: dict, vendor: str) -> Path:
    if manifest["engine"] != vendor:
        raise BackupError(
            f"this backup is of a {manifest['engine']} database and the configured database is "
            f"{vendor}; restore it into {manifest['engine']}"
        )
    source = folder / manifest["file"]
    if not source.is_file() or _sha256(source) != manifest["sha256"]:
        raise BackupError(f"{source} is missing or does not match the manifest's checksum")
    with connection.cursor() as cursor:
        present = list_tables(cursor, vendor)
    if present:
        raise BackupError(
            f"the database is not empty ({len(present)} table(s), e.g. {present[0]}); a restore "
            "only goes into a database with no tables, so nothing was changed. Create a new, "
            "empty database (PostgreSQL: createdb; SQLite: move the file away) and restore "
            "into it without running migrate first"
        )
    return source


def restore(folder: Path) -> tuple[dict, list[Mismatch]]:
    """Restore `folder` into the configured database, which must have no tables; returns the
    manifest and every table whose row count differs from it afterwards."""
    manifest = read_manifest(folder)
    vendor = engine()
    source = _check_restorable(folder, manifest, vendor)
    if vendor == "sqlite":
        _restore_sqlite(source)
    else:
        _restore_postgresql(source)
    return manifest, verify(manifest)


def _restore_postgresql(source: Path) -> None:
    """One transaction: a restore that fails halfway leaves the database as empty as it was."""
    pg_restore = _pg_tool("pg_restore")
    database = connection.settings_dict["NAME"]
    _run([pg_restore, "--exit-on-error", "--single-transaction", "--no-owner",
          f"--dbname={database}", str(source)])  # fmt: skip


def _restore_sqlite(source: Path) -> None:
    copy = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        copy.backup(connection.connection)
    finally:
        copy.close()


def verify(manifest: dict) -> list[Mismatch]:
    """Every table whose row count in the configured database differs from the manifest."""
    with connection.cursor() as cursor:
        found = count_rows(cursor, engine())
    expected = manifest["tables"]
    return [
        Mismatch(table, expected.get(table), found.get(table))
        for table in sorted(set(expected) | set(found))
        if expected.get(table) != found.get(table)
    ]
