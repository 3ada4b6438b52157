"""Settings for the test suite: the real settings, with fixed test keys and a few speed-ups."""

import os

os.environ.setdefault(
    "SECRET_KEY", "tests-only-secret-key-never-used-for-a-real-install-0123456789"
)
# A fixed key so failures reproduce; a real install generates or is given its own.
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "cw_0x689RpI-jtRR7oE8h5eJ0iwx2UrVGBD1VbP2ym0=")
os.environ.setdefault("AUDIT_CHAIN_KEYS", "tests-only-audit-chain-key-0123456789-abcdefghij")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from alongside.settings import *  # noqa: E402, F403

# Argon2 is the real hasher (tested in tests/accounts); here a fast one keeps logins cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 (tests only)
INSTALLED_APPS = [*INSTALLED_APPS, "tests.fieldtest"]  # noqa: F405
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Parallel workers share one Redis server: each worker gets its own database number, so one
# worker clearing its cache never wipes another's rate-limit counters.
if REDIS_URL:  # noqa: F405
    from urllib.parse import urlsplit, urlunsplit

    _worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    REDIS_URL = urlunsplit(urlsplit(REDIS_URL)._replace(path=f"/{1 + _worker % 15}"))  # noqa: F405
    CACHES["default"]["LOCATION"] = REDIS_URL  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [REDIS_URL]  # noqa: F405
    RQ_QUEUES["default"]["URL"] = REDIS_URL  # noqa: F405
# Serve static files from the app folders, as in development: tests never run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# An on-disk test database (not :memory:) so a test can read the file and find no plaintext.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}  # noqa: F405
