"""Rank 10,000 synthetic mentors for one peer, against sorting the same data by one key.

Run with `make bench`; prints a table and writes bench/results/matching.json.
"""

import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alongside.matching.ranking import Candidate, Wishes, rank  # noqa: E402

MENTORS = 10_000
RUNS = 200
TARGET_MS = 100.0
LANGS = ["en", "fr", "es", "pt", "zh", "ar", "pa", "ase"]
MODES = ["chat", "video", "phone", "in_person"]
REGIONS = ["Ontario", "Québec", "Alberta", "British Columbia", ""]
TIMES = [
    f"{d}-{p}"
    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    for p in ("morning", "afternoon", "evening")
]
AREAS = [
    "anorexia",
    "bulimia",
    "binge_eating",
    "arfid",
    "osfed",
    "body_image",
    "larger_body",
    "anxiety_depression",
    "family",
    "lgbtq2s",
    "athletes",
    "later_life",
]


def _some(rng, values, low, high):
    return frozenset(rng.sample(values, rng.randint(low, high)))


def synthetic_mentors(rng: random.Random, count: int) -> list[Candidate]:
    mentors = []
    for mentor_id in range(1, count + 1):
        facets = {}
        if rng.random() < 0.4:
            facets["gender"] = rng.choice(["Woman", "Man", "Non-binary"])
        if rng.random() < 0.4:
            facets["age_range"] = rng.choice(["18-24", "25-34", "35-49", "50+"])
        if rng.random() < 0.2:
            facets["lgbtq2s"] = True
        cap = rng.randint(1, 3)
        mentors.append(
            Candidate(
                id=mentor_id,
                languages=_some(rng, LANGS, 1, 3),
                meeting_modes=_some(rng, MODES, 1, 3),
                region=rng.choice(REGIONS),
                availability=_some(rng, TIMES, 1, 6),
                lived_experience=_some(rng, AREAS, 1, 4),
                shared_facets=facets,
                load=rng.randint(0, cap - 1),
                cap=cap,
            )
        )
    return mentors


def _time(function, runs: int) -> list[float]:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def _p(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> int:
    rng = random.Random(20250501)
    mentors = synthetic_mentors(rng, MENTORS)
    peer = Wishes(
        peer_id=42,
        languages=frozenset({"en", "fr"}),
        meeting_modes=frozenset({"chat", "video", "in_person"}),
        region="Ontario",
        times=frozenset({"tue-evening", "thu-evening", "sat-morning"}),
        lived_experience=frozenset({"body_image", "anxiety_depression"}),
        gender="Woman",
        lgbtq2s=True,
    )
    cases = {
        "baseline: sorted by load": lambda: sorted(mentors, key=lambda m: m.load)[:5],
        "ranking.rank (filters, score, reasons)": lambda: rank(peer, mentors, limit=5),
    }
    rows = []
    for name, function in cases.items():
        function()  # warm up
        timings = _time(function, RUNS)
        rows.append(
            {
                "case": name,
                "n": MENTORS,
                "runs": RUNS,
                "p50_ms": round(_p(timings, 50), 3),
                "p99_ms": round(_p(timings, 99), 3),
            }
        )
    base = rows[0]["p50_ms"]
    for row in rows:
        row["ratio"] = round(row["p50_ms"] / base, 1) if base else None
    print(f"{'case':<40} {'n':>6} {'p50 ms':>9} {'p99 ms':>9} {'ratio':>7}")
    for row in rows:
        print(
            f"{row['case']:<40} {row['n']:>6} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f} "
            f"{row['ratio']:>6}x"
        )
    ranking_p99 = rows[1]["p99_ms"]
    verdict = "meets" if ranking_p99 < TARGET_MS else "MISSES"
    print(f"ranking p99 {ranking_p99:.1f} ms {verdict} the {TARGET_MS:.0f} ms target")
    out = Path(__file__).resolve().parent / "results" / "matching.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"target_ms": TARGET_MS, "python": sys.version.split()[0], "cases": rows}, indent=2
        )
        + "\n"
    )
    return 0 if ranking_p99 < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
