"""Development secrets kept under var/, generated on first run and never used in production."""

import secrets
from pathlib import Path

from cryptography.fernet import Fernet


def _read_or_create(path: Path, make) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
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
