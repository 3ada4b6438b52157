"""Turn plaintext columns into encrypted ones inside a migration, and back.

Use after an AlterField to an encrypted field: the column's type has changed but its values
are still plaintext. Works in raw SQL because the model's field would try to decrypt them.
Values that already decrypt are left alone, so a migration interrupted halfway can run again.
"""

import json

from django.db import migrations

from alongside.core.crypto import DecryptionError, decrypt_text, encrypt_text

_TRUE = {1, "1", "true", "t"}  # 1 also matches True


def _plain(raw, kind: str) -> str:
    """The plaintext an encrypted field of this kind stores for a raw old value."""
    if kind == "text":
        return "" if raw is None else str(raw)
    if kind == "bool":
        return json.dumps(raw in _TRUE)
    value = json.loads(raw) if isinstance(raw, str) else raw
    return json.dumps([] if value is None else value, ensure_ascii=False)


def _is_encrypted(raw) -> bool:
    if not isinstance(raw, str):
        return False
    try:
        decrypt_text(raw)
    except DecryptionError:
        return False
    return True


def _old_value(plain: str, kind: str, vendor: str):
    if kind == "text":
        return plain
    value = json.loads(plain)
    if kind == "bool":
        return ("true" if value else "false") if vendor == "postgresql" else int(bool(value))
    return json.dumps(value, ensure_ascii=False)


def _rewrite(table: str, columns: dict[str, str], convert):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        quote = connection.ops.quote_name
        names = list(columns)
        select = ", ".join(quote(n) for n in names)
        assign = ", ".join(f"{quote(n)} = %s" for n in names)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id, {select} FROM {quote(table)}")  # noqa: S608 (names are ours)
            rows = cursor.fetchall()
            for row_id, *values in rows:
                new = [
                    convert(raw, columns[n], connection.vendor)
                    for n, raw in zip(names, values, strict=True)
                ]
                cursor.execute(f"UPDATE {quote(table)} SET {assign} WHERE id = %s", [*new, row_id])  # noqa: S608

    return run


def _encrypt(raw, kind, vendor):
    return raw if _is_encrypted(raw) else encrypt_text(_plain(raw, kind))


def _decrypt(raw, kind, vendor):
    return _old_value(decrypt_text(raw), kind, vendor) if _is_encrypted(raw) else raw


def encrypt_columns(table: str, columns: dict[str, str]) -> migrations.RunPython:
    """columns: name -> "text", "json" or "bool" (what the old column held)."""
    return migrations.RunPython(
        _rewrite(table, columns, _encrypt), _rewrite(table, columns, _decrypt)
    )
