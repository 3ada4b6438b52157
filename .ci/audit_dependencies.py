"""Check the pinned dependency set (constraints.txt) against known vulnerabilities.

Fails (exit 1) when a pinned version has a known vulnerability, or when the audit breaks for
a reason it cannot explain. When the vulnerability service cannot be reached, or cannot look
up some packages, it says so in a banner and exits 0: a build machine without network must
not block unrelated work, but it must never read as "no known vulnerabilities" either.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Words in pip-audit's error output that mean the service was not reached at all.
_NETWORK_ERRORS = (
    "ConnectionError", "ProxyError", "ConnectTimeout", "ReadTimeout", "NameResolutionError",
    "Max retries exceeded", "Temporary failure in name resolution", "Network is unreachable",
)  # fmt: skip


def banner(lines: list[str]) -> str:
    rule = "!" * 78
    return "\n".join([rule, *(f"!! {line}" for line in lines), rule])


def _vulnerability_line(dependency: dict, vulnerability: dict) -> str:
    fixed = ", ".join(vulnerability.get("fix_versions") or ["?"])
    return f"{dependency['name']} {dependency['version']}: {vulnerability['id']} (fixed in {fixed})"


def verdict(report: dict | None, stderr: str) -> tuple[int, str]:
    """(exit code, message) for one pip-audit run: its JSON report (None if it wrote none)."""
    if report is None:
        if any(marker in stderr for marker in _NETWORK_ERRORS):
            return 0, banner([
                "DEPENDENCY AUDIT COULD NOT RUN: the vulnerability service was unreachable.",
                "Nothing was checked. Run `.ci/run` (or this script) where it can be reached.",
            ])  # fmt: skip
        return 2, "pip-audit failed without a report:\n" + stderr
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    if vulnerable:
        lines = [_vulnerability_line(d, v) for d in vulnerable for v in d["vulns"]]
        return 1, "Known vulnerabilities in the pinned set:\n" + "\n".join(lines)
    if skipped and len(skipped) == len(deps):
        return 0, banner([
            f"DEPENDENCY AUDIT DID NOT RUN: none of the {len(deps)} pinned packages could be "
            "looked up.",
            f"First reason: {skipped[0]['skip_reason']}",
        ])  # fmt: skip
    if skipped:
        names = ", ".join(d["name"] for d in skipped)
        return 0, banner([
            f"DEPENDENCY AUDIT INCOMPLETE: {len(skipped)} of {len(deps)} packages could not be "
            f"looked up: {names}",
            f"First reason: {skipped[0]['skip_reason']}",
        ])  # fmt: skip
    return 0, f"Dependency audit: {len(deps)} pinned packages, no known vulnerabilities."


def run() -> tuple[dict | None, str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        # --no-deps --disable-pip: audit exactly the pinned versions, without resolving them.
        result = subprocess.run(  # noqa: S603 (a fixed command, no shell, no outside input)
            [sys.executable, "-m", "pip_audit", "--requirement", str(ROOT / "constraints.txt"),
             "--no-deps", "--disable-pip", "--progress-spinner", "off",
             "--format", "json", "--output", str(out)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        report = json.loads(out.read_text()) if out.exists() and out.stat().st_size else None
    return report, result.stderr


def main() -> int:
    code, message = verdict(*run())
    print(message)
    return code


if __name__ == "__main__":
    sys.exit(main())
