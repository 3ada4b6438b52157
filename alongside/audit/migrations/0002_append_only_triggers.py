"""Refuse UPDATE of audit events inside the database itself, not only in Python.

Deletion is refused by the ORM and the admin, and detected by `verify_audit_chain` (a removed
row breaks the links, a removed tail no longer matches the chain head). It is not blocked by a
trigger because the test runner empties tables between transactional tests with DELETE (SQLite)
or TRUNCATE (PostgreSQL).
"""

from django.db import migrations

_SQLITE = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
]
_SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_update",
]
_POSTGRES = [
    """CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()""",
]
_POSTGRES_REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_refuse_change()",
]


def _run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": _SQLITE, "postgresql": _POSTGRES}),
            _run({"sqlite": _SQLITE_REVERSE, "postgresql": _POSTGRES_REVERSE}),
        )
    ]
