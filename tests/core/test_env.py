import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from alongside.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def test_it_reads_booleans(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", default=True) is False


def test_it_refuses_a_bad_boolean_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG_ISH", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG_ISH"):
        env_bool("DEBUG_ISH")


def test_it_refuses_a_bad_number_naming_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT_X", "twenty")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT_X"):
        env_int("EMAIL_PORT_X", 25)
    monkeypatch.setenv("EMAIL_PORT_X", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env_int("EMAIL_PORT_X", 25, minimum=1)


def test_it_splits_lists_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", " a.org, ,b.org ")
    assert env_list("HOSTS") == ["a.org", "b.org"]


def _settings_in_subprocess(env: dict) -> subprocess.CompletedProcess:
    code = "import alongside.settings as s; print(s.SECRET_KEY[:4], len(s.FIELD_ENCRYPTION_KEYS))"
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "AUDIT_CHAIN_KEYS", "DEBUG", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _settings_in_subprocess({"ALONGSIDE_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_to_start_without_field_keys(tmp_path):
    result = _settings_in_subprocess({"ALONGSIDE_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "FIELD_ENCRYPTION_KEYS must be set" in result.stderr


def test_production_refuses_to_start_without_audit_chain_keys(tmp_path):
    result = _settings_in_subprocess({
        "ALONGSIDE_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 60,
        "FIELD_ENCRYPTION_KEYS": "cw_0x689RpI-jtRR7oE8h5eJ0iwx2UrVGBD1VbP2ym0=",
    })  # fmt: skip
    assert result.returncode != 0
    assert "AUDIT_CHAIN_KEYS must be set" in result.stderr


def test_a_short_audit_chain_key_is_refused(tmp_path):
    result = _settings_in_subprocess({
        "ALONGSIDE_VAR_DIR": str(tmp_path), "DEBUG": "1", "AUDIT_CHAIN_KEYS": "too-short",
    })  # fmt: skip
    assert result.returncode != 0
    assert "AUDIT_CHAIN_KEYS: each key must be at least 32 characters" in result.stderr


def test_development_generates_separate_keys_once(tmp_path):
    first = _settings_in_subprocess({"ALONGSIDE_VAR_DIR": str(tmp_path), "DEBUG": "1"})
    assert first.returncode == 0, first.stderr
    secret = (tmp_path / "secret_key").read_text()
    field_key = (tmp_path / "field_encryption_keys").read_text()
    assert secret.strip() != field_key.strip()
    assert oct((tmp_path / "field_encryption_keys").stat().st_mode)[-3:] == "600"
    assert oct((tmp_path / "audit_chain_key").stat().st_mode)[-3:] == "600"
    again = _settings_in_subprocess({"ALONGSIDE_VAR_DIR": str(tmp_path), "DEBUG": "1"})
    assert again.stdout == first.stdout
    assert (tmp_path / "secret_key").read_text() == secret


def test_it_refuses_an_invalid_field_key_at_start_naming_the_variable(tmp_path):
    result = _settings_in_subprocess(
        {"ALONGSIDE_VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 60,
         "FIELD_ENCRYPTION_KEYS": "cw_0x689RpI-jtRR7oE8h5eJ0iwx2UrVGBD1VbP2ym0=,not-a-key"}
    )  # fmt: skip
    assert result.returncode != 0
    assert "ImproperlyConfigured: FIELD_ENCRYPTION_KEYS: key 2 is not a Fernet key" in result.stderr


def test_it_keeps_var_and_the_database_file_to_their_owner(tmp_path):
    var = tmp_path / "var"
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('CREATE TABLE t (x)')"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "AUDIT_CHAIN_KEYS"}
    }
    env.update(DEBUG="1", ALONGSIDE_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="alongside.settings")
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert oct(var.stat().st_mode)[-3:] == "700"
    for name in ("development.sqlite3", "secret_key", "field_encryption_keys", "audit_chain_key"):
        assert oct((var / name).stat().st_mode)[-3:] == "600", name


def test_it_tightens_an_existing_world_readable_var_dir(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    (var / "development.sqlite3").touch(mode=0o644)
    result = _settings_in_subprocess({"ALONGSIDE_VAR_DIR": str(var), "DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert oct(var.stat().st_mode)[-3:] == "700"
    assert oct((var / "development.sqlite3").stat().st_mode)[-3:] == "600"
