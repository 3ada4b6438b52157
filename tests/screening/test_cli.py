"""The JSON-lines command line, run as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_cli(stdin: bytes, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "alongside.screening", *(args or ("screen",))],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def lines(*items) -> bytes:
    out = []
    for item in items:
        out.append(item if isinstance(item, bytes) else json.dumps(item).encode())
    return b"\n".join(out) + b"\n"


def test_mixed_good_and_bad_lines_answer_in_order_without_crashing():
    stdin = lines(
        {"id": "a1", "role": "mentor", "text": "You look so healthy!", "avoid_topics": ["food"]},
        b"this is not json",
        {"id": "a2", "role": "peer", "text": "I want to kill myself"},
        b'{"id": "a3", "role": "peer", "text": "caf\xff\xfe"}',
        b"[1, 2, 3]",
        {"id": "a4", "role": "mentor"},
        {"id": "a5", "role": "admin", "text": "hi"},
        {"id": "a6", "role": "mentor", "text": "hi", "avoid_topics": "exercise"},
        {"id": "a7", "role": "mentor", "text": "   "},
        {"id": "a8", "role": "peer", "text": "hello there. " * 2000 + "I want to kill myself"},
        b"",
        {"role": "mentor", "text": "no id here"},
        {"id": "a9", "role": "mentor", "text": "See you at 3pm!"},
    )
    proc = run_cli(stdin)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [item["id"] for item in out] == [
        "a1", None, "a2", "a3", None, "a4", "a5", "a6", "a7", "a8", None, "a9",
    ]  # fmt: skip
    assert out[0]["crisis"] == "none" and out[0]["flags"][0]["category"] == "body_talk"
    assert set(out[0]["flags"][0]) == {"category", "start", "end", "explanation", "suggestion"}
    assert "JSON" in out[1]["error"]
    assert out[2] == {"id": "a2", "crisis": "urgent", "flags": []}
    assert "UTF-8" in out[3]["error"]
    assert "object" in out[4]["error"]
    assert "text" in out[5]["error"]
    assert "role" in out[6]["error"]
    assert "avoid_topics" in out[7]["error"]
    assert "empty" in out[8]["error"]
    assert out[9] == {"id": "a8", "crisis": "urgent", "flags": []}  # long text is screened whole
    assert "id" in out[10]["error"]
    assert out[11] == {"id": "a9", "crisis": "none", "flags": []}


def test_blank_lines_are_skipped():
    stdin = b"\n\n" + lines({"id": 1, "role": "peer", "text": "hello"}) + b"\r\n   \n"
    proc = run_cli(stdin)
    assert proc.returncode == 0
    assert [json.loads(x) for x in proc.stdout.decode().splitlines()] == [
        {"id": 1, "crisis": "none", "flags": []}
    ]


def test_empty_input_gives_empty_output():
    proc = run_cli(b"")
    assert proc.returncode == 0 and proc.stdout == b""


def test_unknown_subcommand_prints_usage():
    proc = run_cli(b"", "nonsense")
    assert proc.returncode == 2 and b"usage" in proc.stderr


def test_output_is_flushed_per_line():
    proc = subprocess.Popen(
        [sys.executable, "-m", "alongside.screening", "screen"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
    )
    try:
        proc.stdin.write(lines({"id": "live", "role": "peer", "text": "hi"}))
        proc.stdin.flush()
        first = proc.stdout.readline()  # would block forever without a per-line flush
        assert json.loads(first)["id"] == "live"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
