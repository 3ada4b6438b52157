"""Symmetric encryption for private text, with keys that rotate (first encrypts, all decrypt)."""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """Stored ciphertext could not be decrypted with any configured key."""


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must list at least one key")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError):
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be comma-separated Fernet keys (32 url-safe base64 bytes); "
            "make one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'"
        ) from None


def _fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(plaintext: str) -> str:
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt_text(token: str) -> str:
    """Decrypt or raise: returning the ciphertext as if it were text would hide a key problem."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise DecryptionError(
            "stored private text could not be decrypted: check FIELD_ENCRYPTION_KEYS"
        ) from exc


def reencrypt_text(token: str) -> str:
    """Re-encrypt a stored token under the current first key (for key rotation)."""
    try:
        return _fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise DecryptionError("stored private text could not be decrypted for rotation") from exc


@lru_cache(maxsize=4)
def _newest_fernet_for(key: str) -> Fernet:
    return Fernet(key.encode())


def is_under_newest_key(token: str) -> bool:
    """Whether a stored token was encrypted with the first key (a Fernet token names no key, so
    the only way to know is to try that key alone)."""
    newest = _newest_fernet_for(settings.FIELD_ENCRYPTION_KEYS[0])
    try:
        newest.decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeError):
        return False
    return True
