"""The CI dependency audit fails on a vulnerability and never passes silently unchecked."""

import importlib.util
from pathlib import Path

_PATH = Path(__file__).resolve().parents[2] / ".ci" / "audit_dependencies.py"
_SPEC = importlib.util.spec_from_file_location("audit_dependencies", _PATH)
audit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(audit)

CLEAN = {"name": "django", "version": "5.2.19", "vulns": []}


def test_it_fails_on_a_known_vulnerability():
    vulnerable = {"name": "django", "version": "4.2.0",
                  "vulns": [{"id": "PYSEC-2023-1", "fix_versions": ["4.2.1"]}]}  # fmt: skip
    code, message = audit.verdict({"dependencies": [vulnerable, CLEAN]}, "")
    assert code == 1
    assert "django 4.2.0: PYSEC-2023-1 (fixed in 4.2.1)" in message


def test_it_says_plainly_when_the_service_was_unreachable():
    stderr = "requests.exceptions.ConnectionError: Max retries exceeded with url: /pypi/..."
    code, message = audit.verdict(None, stderr)
    assert code == 0
    assert "DEPENDENCY AUDIT COULD NOT RUN" in message
    assert "no known vulnerabilities" not in message


def test_it_says_plainly_when_no_package_could_be_looked_up():
    skipped = {"name": "django", "version": "5.2.19", "skip_reason": "Dependency not found"}
    code, message = audit.verdict({"dependencies": [skipped]}, "")
    assert code == 0
    assert "DEPENDENCY AUDIT DID NOT RUN" in message
    assert "no known vulnerabilities" not in message


def test_it_names_the_packages_it_could_not_check():
    skipped = {"name": "uvloop", "version": "0.23.0", "skip_reason": "Dependency not found"}
    code, message = audit.verdict({"dependencies": [CLEAN, skipped]}, "")
    assert code == 0
    assert "INCOMPLETE: 1 of 2 packages could not be looked up: uvloop" in message


def test_it_fails_when_pip_audit_breaks_for_another_reason():
    code, message = audit.verdict(None, "Traceback ... KeyError: 'dependencies'")
    assert code == 2


def test_a_clean_run_says_how_much_it_checked():
    code, message = audit.verdict({"dependencies": [CLEAN, CLEAN]}, "")
    assert (code, message) == (0, "Dependency audit: 2 pinned packages, no known vulnerabilities.")
