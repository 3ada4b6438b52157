"""Send a message through the whole stack (permission, screening, encryption, one transaction,
fan-out) against a bare Django view that stores one row, on SQLite and on PostgreSQL.

Run with `make bench`; prints a table and writes bench/results/messages.json. Each database runs
in its own process (Django has one database configuration per process); both cases run in the
same process, one after the other, so the ratio holds on any machine. PostgreSQL is skipped,
and says so, when BENCH_POSTGRES_URL (default: the local test server) does not answer.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 300
TARGET_P95_MS = 30.0
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
TEXT = "Thanks for today. I tried the plan we talked about and it went better than I feared."


def child(database_url: str) -> dict:
    """Runs inside a process whose DATABASE_URL is the database to measure."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        key = "SERIAL PRIMARY KEY" if connection.vendor == "postgresql" else "INTEGER PRIMARY KEY"
        cursor.execute(f"CREATE TABLE IF NOT EXISTS bench_row (id {key}, body TEXT)")
    peer, mentor, partnership = _people()
    client = Client()
    client.force_login(peer)
    send_url = f"/partnerships/{partnership.pk}/conversation/send/"

    def send():
        response = client.post(send_url, {"body": TEXT, "client_id": str(uuid.uuid4())})
        if response.status_code != 302:
            raise RuntimeError(f"send answered {response.status_code}")

    def bare():
        if client.post("/bench/bare/", {"body": TEXT}).status_code != 200:
            raise RuntimeError("the bare view failed")

    rows = {}
    for name, case in (("bare view storing one row", bare), ("message send (full path)", send)):
        for _ in range(20):
            case()  # warm up
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            case()
            timings.append((time.perf_counter() - start) * 1000)
        rows[name] = {"p50_ms": _p(timings, 50), "p95_ms": _p(timings, 95)}
    return {"vendor": connection.vendor, "cases": rows}


def _people():
    from alongside.accounts.consent import current_statement
    from alongside.accounts.models import User
    from alongside.accounts.services import consent_accept, role_grant
    from alongside.partnerships.services import partnership_start

    suffix = uuid.uuid4().hex[:8]
    peer = User.objects.create_user(f"peer-{suffix}@bench.test", "x" * 12, display_name="P")
    mentor = User.objects.create_user(f"mentor-{suffix}@bench.test", "x" * 12, display_name="M")
    role_grant(user=peer, role="peer", by=None, reason="bench")
    role_grant(user=mentor, role="mentor", by=None, reason="bench")
    consent_accept(user=peer, version=current_statement().version)
    return peer, mentor, partnership_start(peer=peer, mentor=mentor, by=mentor)


def _p(values, percentile):
    return round(statistics.quantiles(values, n=100)[percentile - 1], 2)


def _run(database_url: str) -> dict | None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode != 0:
        print(result.stderr[-2000:], file=sys.stderr)
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def _postgres_database() -> str | None:
    """A fresh database beside the given server's, or None when it does not answer."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES, autocommit=True, connect_timeout=3) as conn:
            conn.execute("DROP DATABASE IF EXISTS alongside_bench")
            conn.execute("CREATE DATABASE alongside_bench")
    except Exception as exc:  # noqa: BLE001 (any failure: report and skip PostgreSQL)
        print(f"PostgreSQL skipped: {exc}")
        return None
    return POSTGRES.rsplit("/", 1)[0] + "/alongside_bench"


def main() -> int:
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for url in (f"sqlite:///{folder}/bench.sqlite3", _postgres_database()):
            if url and (measured := _run(url)):
                results.append(measured)
    print(f"{'database':<12} {'case':<30} {'p50 ms':>8} {'p95 ms':>8} {'ratio':>7}")
    ok = bool(results)
    for result in results:
        base = result["cases"]["bare view storing one row"]["p95_ms"]
        for name, row in result["cases"].items():
            ratio = row["p95_ms"] / base if base else 0
            print(f"{result['vendor']:<12} {name:<30} {row['p50_ms']:>8.2f} {row['p95_ms']:>8.2f} "
                  f"{ratio:>6.1f}x")  # fmt: skip
        send_p95 = result["cases"]["message send (full path)"]["p95_ms"]
        verdict = "meets" if send_p95 < TARGET_P95_MS else "MISSES"
        target = f"the {TARGET_P95_MS:.0f} ms target"
        print(f"{result['vendor']}: send p95 {send_p95:.1f} ms {verdict} {target}")
        ok = ok and send_p95 < TARGET_P95_MS
    out = ROOT / "bench" / "results" / "messages.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"target_p95_ms": TARGET_P95_MS, "runs": RUNS, "results": results},
                              indent=2) + "\n")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(child(os.environ["DATABASE_URL"])))
        sys.exit(0)
    sys.exit(main())
