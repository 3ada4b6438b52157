"""Demo accounts, whose password is published, never live beside a production install."""

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from alongside.accounts.models import User
from alongside.demo.guard import check_no_demo_accounts_in_production
from alongside.demo.program import load_demo

pytestmark = pytest.mark.real_curriculum
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(db, settings):
    settings.DEBUG = True
    people = load_demo()
    settings.DEBUG = False
    return people


def test_a_production_install_with_demo_accounts_fails_its_checks(demo, settings):
    assert [e.id for e in check_no_demo_accounts_in_production()] == ["alongside.E020"]
    settings.DEBUG = True
    assert check_no_demo_accounts_in_production() == []


@pytest.mark.parametrize("entry", ["alongside.asgi", "alongside.wsgi"])
def test_the_web_entry_points_refuse_to_serve_demo_accounts(demo, entry):
    sys.modules.pop(entry, None)  # import it afresh, as a server process would
    with pytest.raises(ImproperlyConfigured, match="refusing to serve: 10 demo account"):
        importlib.import_module(entry)
    sys.modules.pop(entry, None)


def test_remove_demo_deletes_every_demo_account_and_only_those(demo, peer, capsys):
    call_command("remove_demo")
    assert "removed 10 demo account(s)" in capsys.readouterr().out
    assert list(User.objects.values_list("email", flat=True)) == [peer.email]
    assert check_no_demo_accounts_in_production() == []
    sys.modules.pop("alongside.asgi", None)
    assert importlib.import_module("alongside.asgi").application  # serves again


def _default_database(env: dict) -> str:
    code = "import alongside.settings as s; print(s.DATABASES['default']['NAME'])"
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_development_data_lives_in_a_file_production_never_opens(tmp_path):
    development = _default_database({"DEBUG": "1", "ALONGSIDE_VAR_DIR": str(tmp_path)})
    production = _default_database({"ALONGSIDE_VAR_DIR": str(tmp_path)})
    assert development.endswith("development.sqlite3")
    assert production.endswith("alongside.sqlite3")
