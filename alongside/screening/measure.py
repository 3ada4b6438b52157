"""Measure the crisis check on unlabelled or community-labelled text kept outside the project.

Usage: python -m alongside.screening.measure FILE [FILE...] [--show N] [--source PREFIX]
Each FILE holds JSON lines with a "text" (and optionally "id", "source" and "expect": "none",
"alert" or "urgent"; a file without "expect" is read as everyday text, "none"). For each
expectation it prints how many messages raised an alert, how many were urgent, and how many
of those the rules alone raised, so a false alarm can be traced to the rules or to the model.
Real text written by others stays out of the repository: this reads it where it lies.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from alongside.screening.engine import build_engine


def read(paths: list[Path], source: str | None) -> list[dict]:
    items = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                if source is None or item.get("source", "").startswith(source):
                    items.append(item)
    return items


def measure(items: list[dict], show: int) -> dict[str, Counter]:
    engine = build_engine()
    counts: dict[str, Counter] = defaultdict(Counter)
    shown: dict[tuple[str, str], int] = Counter()
    for item in items:
        expect = item.get("expect", "none")
        level, rules_level = engine.crisis_with_rules_level(item["text"])
        tally = counts[expect]
        tally["messages"] += 1
        tally["alert"] += level != "none"
        tally["urgent"] += level == "urgent"
        tally["rules alert"] += rules_level != "none"
        tally["rules urgent"] += rules_level == "urgent"
        wrong = (expect == "none" and level != "none") or (expect == "alert" and level == "none")
        wrong = wrong or (expect == "urgent" and level != "urgent")
        if wrong and shown[expect, level] < show:
            shown[expect, level] += 1
            where = f"[{expect}->{level} rules:{rules_level}] {item.get('id')}"
            print(f"{where}: {item['text'][:300]!r}")
    return counts


def report(counts: dict[str, Counter]) -> None:
    for expect, tally in sorted(counts.items()):
        total = tally["messages"]
        print(f"expect {expect}: {total} messages")
        for key in ("alert", "urgent", "rules alert", "rules urgent"):
            print(f"  {key:<13} {tally[key]:>6}  {tally[key] / total:7.2%}")


def main(argv: list[str]) -> int:
    show, source, paths = 0, None, []
    args = iter(argv)
    for arg in args:
        if arg == "--show":
            show = int(next(args))
        elif arg == "--source":
            source = next(args)
        else:
            paths.append(Path(arg))
    if not paths:
        print(__doc__)
        return 2
    report(measure(read(paths, source), show))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
