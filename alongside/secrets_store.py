"""Development secrets kept under var/, generated on first run and never used in production;
and the file permissions that keep var/ (keys, SQLite database) to its owner."""

import secrets
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured


def secure_var_dir(var_dir: Path, *, database: str = "") -> None:
    """Create var/ readable by its owner only (0700) and a new SQLite file as 0600.

    SQLite creates its -wal and -shm files with the database file's permissions, so creating
    the file first, owner-only, covers them too. Files already in var/ are tightened as well.
    """
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    var_dir.chmod(0o700)
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if path.parent.is_dir():
        path.touch(mode=0o600, exist_ok=True)
    if path.parent == var_dir:
        path.chmod(0o600)


def _read_or_create(path: Path, make) -> str:
    if path.exists():
        return path.read_text().strip()
    secure_var_dir(path.parent)
    value = make()
    # Created readable by the owner only: these files are the development keys.
    path.touch(mode=0o600)
    path.write_text(value + "\n")
    return value


def dev_secret_key(var_dir: Path) -> str:
    """The development SECRET_KEY, created once in var/."""
    return _read_or_create(var_dir / "secret_key", lambda: secrets.token_urlsafe(50))


def dev_audit_chain_key(var_dir: Path) -> str:
    """The development key that signs the audit chain, created once in var/."""
    return _read_or_create(var_dir / "audit_chain_key", lambda: secrets.token_urlsafe(48))


def dev_field_keys(var_dir: Path) -> str:
    """The development field-encryption key, created once in var/ (independent of SECRET_KEY)."""
    return _read_or_create(
        var_dir / "field_encryption_keys", lambda: Fernet.generate_key().decode()
    )


def validated_field_keys(keys: list[str]) -> list[str]:
    """The field-encryption keys, refused at start (not at first use) when one is not a key."""
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must list at least one key")
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: key {position} is not a Fernet key (32 url-safe base64 "
                "bytes); make one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'"
            ) from None
    return keys
