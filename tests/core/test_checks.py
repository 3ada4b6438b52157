import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from alongside.core.checks import check_debug_on_public_host, check_field_keys_not_secret_key

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "SECRET_KEY": "p" * 20 + "-production-like-secret-key-with-enough-entropy-3f9a8b7c",
    "FIELD_ENCRYPTION_KEYS": "cw_0x689RpI-jtRR7oE8h5eJ0iwx2UrVGBD1VbP2ym0=",
    "ALLOWED_HOSTS": "mentoring.example.org",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "DATABASE_URL": "sqlite:////tmp/alongside-deploy-check.sqlite3",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS"}
    }
    env.update(PRODUCTION_ENV, ALONGSIDE_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@override_settings(DEBUG=True, ALLOWED_HOSTS=["mentoring.example.org"])
def test_it_warns_about_debug_on_a_public_host():
    assert [w.id for w in check_debug_on_public_host()] == ["alongside.W001"]


@override_settings(DEBUG=True, ALLOWED_HOSTS=["localhost"])
def test_debug_on_localhost_is_fine():
    assert check_debug_on_public_host() == []


@override_settings(SECRET_KEY="same-key", FIELD_ENCRYPTION_KEYS=["same-key"])
def test_it_refuses_field_keys_equal_to_the_secret_key():
    assert [e.id for e in check_field_keys_not_secret_key()] == ["alongside.E001"]


def test_migrations_are_complete(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_an_audit_chain_key_must_not_reuse_another_secret(settings):
    from alongside.core.checks import check_audit_keys_stand_alone

    assert check_audit_keys_stand_alone() == []
    settings.AUDIT_CHAIN_KEYS = [settings.FIELD_ENCRYPTION_KEYS[0]]
    assert [e.id for e in check_audit_keys_stand_alone()] == ["alongside.E002"]
    settings.AUDIT_CHAIN_KEYS = [settings.SECRET_KEY]
    assert [e.id for e in check_audit_keys_stand_alone()] == ["alongside.E002"]


@override_settings(SECRET_KEY="same-key", FIELD_ENCRYPTION_KEYS=["same-key"])
def test_field_keys_equal_to_the_secret_key_fail_the_plain_check_not_only_deploy(db):
    from django.core import checks

    errors = checks.run_checks(include_deployment_checks=False, tags=[checks.Tags.security])
    assert "alongside.E001" in [e.id for e in errors]


@override_settings(
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
    ALLAUTH_TRUSTED_PROXY_COUNT=0,
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER=None,
)
def test_it_warns_when_rate_limits_would_count_the_proxys_address():
    from alongside.core.checks import check_client_address_behind_proxy

    assert [w.id for w in check_client_address_behind_proxy()] == ["alongside.W003"]
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1):
        assert check_client_address_behind_proxy() == []
