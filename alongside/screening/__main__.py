"""Command line: `python -m alongside.screening screen` screens JSON lines from stdin.

Each input line is one JSON object {"id", "role", "text", "avoid_topics"?}; each output line is
the result or {"id", "error"}. A bad line never stops the run. Blank lines are skipped (they
carry no id to answer to), so output lines match non-blank input lines one for one.
"""

from __future__ import annotations

import json
import sys
from typing import Any, BinaryIO, TextIO

from alongside.screening.engine import screen

USAGE = "usage: python -m alongside.screening screen  (JSON lines on stdin, results on stdout)"


def _error(line_id: Any, message: str) -> dict[str, Any]:
    return {"id": line_id, "error": message}


def _safe_id(value: Any) -> Any:
    # Echo an id only when it is JSON-simple; anything else would make the output ambiguous.
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _id_despite_bad_bytes(raw: bytes) -> Any:
    # The id is usually intact even when the text has bad bytes; echo it so callers can match.
    try:
        item = json.loads(raw.decode("utf-8", errors="replace"))
    except (json.JSONDecodeError, RecursionError):
        return None
    return _safe_id(item.get("id")) if isinstance(item, dict) else None


def handle_line(raw: bytes) -> dict[str, Any]:
    """Turn one input line into one output object; never raises."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _error(_id_despite_bad_bytes(raw), f"line is not valid UTF-8 (byte {exc.start})")
    try:
        item = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return _error(None, f"line is not valid JSON ({exc.__class__.__name__}: {exc})")
    if not isinstance(item, dict):
        return _error(None, "line must be a JSON object")
    line_id = _safe_id(item.get("id"))
    if "id" not in item:
        return _error(None, "missing field 'id'")
    for field in ("role", "text"):
        if field not in item:
            return _error(line_id, f"missing field '{field}'")
    try:
        result = screen(item["text"], item["role"], item.get("avoid_topics"))
    except ValueError as exc:
        return _error(line_id, str(exc))
    return {"id": line_id, **result.to_dict()}


def run(stdin: BinaryIO, stdout: TextIO) -> int:
    """Screen every non-blank line of stdin, writing and flushing one JSON line for each."""
    for raw in stdin:
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        try:
            out = handle_line(raw)
        except Exception as exc:  # noqa: BLE001 - the run must survive any single bad line
            out = _error(
                None, f"internal error while screening this line: {exc.__class__.__name__}"
            )
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def main(argv: list[str]) -> int:
    if argv != ["screen"]:
        print(USAGE, file=sys.stderr)
        return 2
    return run(sys.stdin.buffer, sys.stdout)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
