"""Score the engine against labelled JSON-lines files and check the quality targets.

Usage: python -m alongside.screening.evaluate FILE [FILE...] [--show-mistakes] [--recall-reported]
(make eval-screening passes the development sets). Each file gets its own report; with several
files a last report pools them, and the targets are checked on that pooled report (the files are
parts of one set). With --recall-reported the two crisis recall targets are printed, and gate
only at the floor today's engine reached (RECALL_FLOORS): a change may not lose more crisis
messages than now (see docs/screening.md). Exits 1 when a target is missed, 2 when no file is given.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from alongside.screening.engine import screen
from alongside.screening.models import COACH_CATEGORIES, CRISIS_LEVELS

TARGETS = {
    "coach micro-F1": (">=", 0.90),
    "urgent recall": (">=", 0.95),
    "any-alert recall": (">=", 0.97),
    "false alarms on none": ("<=", 0.05),
    "flags on peer messages": ("<=", 0),
}


@dataclass
class Scores:
    """Running counts for one labelled file."""

    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)  # (expected, predicted) -> count
    peer_flags: int = 0
    mistakes: list[str] = field(default_factory=list)

    def add(self, item: dict, crisis: str, predicted: set[str]) -> None:
        expected = set(item.get("flags", []))
        for category in COACH_CATEGORIES:
            hit, want = category in predicted, category in expected
            self.tp[category] += hit and want
            self.fp[category] += hit and not want
            self.fn[category] += want and not hit
        self.confusion[(item["crisis"], crisis)] += 1
        if item["role"] == "peer":
            self.peer_flags += len(predicted)
        if expected != predicted or item["crisis"] != crisis:
            self.mistakes.append(
                f"  {item.get('id')}: crisis {item['crisis']}->{crisis}, "
                f"flags {sorted(expected)}->{sorted(predicted)}: {item['text'][:90]!r}"
            )


def _ratio(numerator: int, denominator: int, empty: float = 1.0) -> float:
    return numerator / denominator if denominator else empty


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall, 0.0)
    return precision, recall, f1


def score_file(path: Path) -> Scores:
    """Screen every labelled line of one file."""
    scores = Scores()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        try:
            result = screen(item["text"], item["role"], item.get("avoid_topics") or None)
        except ValueError as exc:
            raise SystemExit(f"{path}:{number}: cannot screen: {exc}") from exc
        # The sets label a mentor's message with the risk it shows or gives back of the peer's.
        shown = max(result.crisis, result.reflected, key=CRISIS_LEVELS.index)
        scores.add(item, shown, {flag.category for flag in result.flags})
    return scores


def metrics(scores: Scores) -> dict[str, float]:
    """The headline numbers the targets are checked against."""
    c = scores.confusion
    tp, fp, fn = (sum(counter.values()) for counter in (scores.tp, scores.fp, scores.fn))
    urgent = sum(c[("urgent", p)] for p in CRISIS_LEVELS)
    alerts = urgent + sum(c[("concern", p)] for p in CRISIS_LEVELS)
    none = sum(c[("none", p)] for p in CRISIS_LEVELS)
    return {
        "coach micro-F1": _f1(tp, fp, fn)[2],
        "urgent recall": _ratio(c[("urgent", "urgent")], urgent),
        "any-alert recall": _ratio(alerts - c[("urgent", "none")] - c[("concern", "none")], alerts),
        "false alarms on none": _ratio(none - c[("none", "none")], none, 0.0),
        "flags on peer messages": scores.peer_flags,
    }


REPORTED_ONLY = ("urgent recall", "any-alert recall")
# The recall targets gate at the level the engine reached, so no change may lose more crisis
# messages than today's engine does (a ratchet: raise, never lower; now above the targets).
RECALL_FLOORS = {"urgent recall": 0.966, "any-alert recall": 0.979}


def report(path: Path, scores: Scores, show_mistakes: bool, reported: tuple = ()) -> bool:
    """Print the per-file report; return True when every target is met."""
    print(f"== {path}")
    print(f"{'category':<18}{'prec':>7}{'recall':>8}{'F1':>7}{'support':>9}")
    for category in COACH_CATEGORIES:
        tp, fp, fn = scores.tp[category], scores.fp[category], scores.fn[category]
        precision, recall, f1 = _f1(tp, fp, fn)
        print(f"{category:<18}{precision:>7.2f}{recall:>8.2f}{f1:>7.2f}{tp + fn:>9}")
    print("crisis confusion (rows expected, columns predicted):")
    print(f"{'':<10}" + "".join(f"{level:>9}" for level in CRISIS_LEVELS))
    for expected in CRISIS_LEVELS:
        row = "".join(f"{scores.confusion[(expected, p)]:>9}" for p in CRISIS_LEVELS)
        print(f"{expected:<10}{row}")
    ok = True
    for name, value in metrics(scores).items():
        op, target = TARGETS[name]
        met = value >= target if op == ">=" else value <= target
        above_floor = name in reported and value >= RECALL_FLOORS.get(name, 1.0)
        ok &= met or above_floor
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        verdict = "OK" if met else "FAIL"
        if not met and name in reported:
            floor = RECALL_FLOORS.get(name)
            verdict = f"MISSED (floor {floor} {'held' if above_floor else 'BROKEN'})"
        print(f"{name:<24}{shown:>8}  target {op} {target}  {verdict}")
    if show_mistakes and scores.mistakes:
        print(f"mismatches ({len(scores.mistakes)}):")
        print("\n".join(scores.mistakes))
    return ok


def pooled(scores: list[Scores]) -> Scores:
    """One score over several files, as if they were one."""
    total = Scores()
    for part in scores:
        for name in ("tp", "fp", "fn", "confusion"):
            getattr(total, name).update(getattr(part, name))
        total.peer_flags += part.peer_flags
    return total


def main(argv: list[str]) -> int:
    show_mistakes = "--show-mistakes" in argv
    reported = REPORTED_ONLY if "--recall-reported" in argv else ()
    names = [arg for arg in argv if arg not in ("--show-mistakes", "--recall-reported")]
    paths = [Path(name) for name in names]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    scores = [score_file(path) for path in paths]
    results = [
        report(path, part, show_mistakes, reported)
        for path, part in zip(paths, scores, strict=True)
    ]
    if len(paths) > 1:
        # Several files are one set written in parts: the targets apply to the whole.
        ok = report(Path(f"all {len(paths)} files together"), pooled(scores), False, reported)
    else:
        ok = results[0]
    print(("all gated targets met" if reported else "all targets met") if ok else "TARGETS NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
