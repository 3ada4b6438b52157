"""Train the learned model from the labelled development sets.

Usage: python -m alongside.screening.train [--check] FILE [FILE...]
Reads the labelled lines of the given development sets (make train-screening passes
tests/screening/data/*.jsonl), fits one logistic regression
per head (urgent; any alert; each coach category except avoid_topic, on mentor messages only),
picks each head's threshold by cross-validation so that it fires on at most a small share of
messages that do not belong, and writes data/learned_model.json. Training is deterministic:
with --check it trains in memory and exits 1 when the stored model differs, so CI can tell
that the committed model is the one the data produces.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from alongside.screening.learned import CRISIS_HEADS, UNIT, Evidence, features, load_evidence
from alongside.screening.models import COACH_CATEGORIES
from alongside.screening.normalise import normalise

# Training writes into the source tree; the engine reads the same file as package data.
MODEL_FILE = Path(__file__).with_name("data") / "learned_model.json"
COACH_HEADS = tuple(category for category in COACH_CATEGORIES if category != "avoid_topic")
SEED = 7
EPOCHS = 15
LEARNING_RATE = 0.3
L2 = 3e-3
FOLDS = 4
# The share of messages that do not belong which a head alone may fire on, in cross-validation.
MAX_FALSE_ALARMS = {"urgent": 0.03, "alert": 0.04}
MAX_FALSE_FLAGS = 0.01  # the same, for each coach head, over mentor messages
MIN_PAIR_MESSAGES = 2  # a pair of words must occur in this many messages to be a feature
MIN_WEIGHT = 0.01  # smaller weights are dropped from the stored file
# A crisis head's bias stays this low, so a message with no evidence word cannot reach any
# threshold (the lowest allowed is 0.05, above the bias's 0.047).
MAX_EVIDENCE_BIAS = -3.0


@dataclass(frozen=True)
class Example:
    features: list[str]
    crisis: str
    flags: frozenset[str] | None  # None: a peer's message, never coached


def fold_text(text: str) -> str:
    """The engine's own normalising, then casefolding."""
    return normalise(text).text.casefold()


def examples(paths: list[Path]) -> list[Example]:
    """Every labelled line of the development sets. (The rules' own examples are phrases, not
    messages; short positives would teach the model that any short message is a flag.)"""
    found: list[Example] = []
    for path in sorted(paths):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                flags = frozenset(item["flags"]) if item["role"] == "mentor" else None
                found.append(Example(features(fold_text(item["text"])), item["crisis"], flags))
    return found


def fit(
    rows: list[tuple[list[str], int]], evidence: Evidence | None = None
) -> tuple[float, dict[str, float]]:
    """Logistic regression by AdaGrad, in a fixed order so results repeat exactly. With
    evidence, a feature it does not know may only get a weight of zero or below."""
    weights: dict[str, float] = {}
    squared: dict[str, float] = {}
    bias, bias_squared = 0.0, 1e-8
    order = list(range(len(rows)))
    rng = random.Random(SEED)  # noqa: S311 - a repeatable shuffle, not a secret
    for _epoch in range(EPOCHS):
        rng.shuffle(order)
        for index in order:
            found, label = rows[index]
            error = probability(bias, weights, found) - label
            bias_squared += error * error
            bias -= LEARNING_RATE * error / math.sqrt(bias_squared)
            if evidence is not None:
                bias = min(bias, MAX_EVIDENCE_BIAS)
            for feature in found:
                weight = weights.get(feature, 0.0)
                gradient = error + L2 * weight
                squared[feature] = squared.get(feature, 1e-8) + gradient * gradient
                weight -= LEARNING_RATE * gradient / math.sqrt(squared[feature])
                if weight > 0 and evidence is not None and not evidence.allows(feature):
                    weight = 0.0  # an ordinary word may speak against an alert, never for it
                weights[feature] = weight
    return bias, weights


def probability(bias: float, weights: dict[str, float], found: list[str]) -> float:
    score = bias + sum(weights.get(feature, 0.0) for feature in found)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def threshold(
    rows: list[tuple[list[str], int]], budget: float, evidence: Evidence | None = None
) -> float:
    """The lowest threshold whose held-out false alarms stay within budget."""
    order = list(range(len(rows)))
    random.Random(SEED).shuffle(order)  # noqa: S311 - a repeatable shuffle, not a secret
    negatives: list[float] = []
    for fold in range(FOLDS):
        test = set(order[fold::FOLDS])
        bias, weights = fit([row for index, row in enumerate(rows) if index not in test], evidence)
        negatives.extend(
            probability(bias, weights, rows[index][0]) for index in test if not rows[index][1]
        )
    negatives.sort(reverse=True)
    allowed = min(len(negatives) - 1, int(budget * len(negatives)))
    return min(0.95, max(0.05, negatives[allowed] + 1e-6))


def head_rows(data: list[Example], head: str) -> list[tuple[list[str], int]]:
    if head == "urgent":
        return [(ex.features, int(ex.crisis == "urgent")) for ex in data]
    if head == "alert":
        return [(ex.features, int(ex.crisis != "none")) for ex in data]
    return [(ex.features, int(head in ex.flags)) for ex in data if ex.flags is not None]


def without_rare_pairs(data: list[Example]) -> list[Example]:
    """Drop word pairs that occur in only one message: they mostly memorise that message, and
    dropping them halves the model's size."""
    seen = Counter(feature for ex in data for feature in set(ex.features) if " " in feature)
    return [
        Example(
            [f for f in ex.features if " " not in f or seen[f] >= MIN_PAIR_MESSAGES],
            ex.crisis,
            ex.flags,
        )
        for ex in data
    ]


def train(paths: list[Path]) -> dict:
    data = without_rare_pairs(examples(paths))
    heads = (*CRISIS_HEADS, *COACH_HEADS)
    evidence = Evidence(load_evidence())
    biases, thresholds, columns = [], [], []
    for head in heads:
        rows = head_rows(data, head)
        budget = MAX_FALSE_ALARMS.get(head, MAX_FALSE_FLAGS)
        only = evidence if head in CRISIS_HEADS else None
        thresholds.append(round(threshold(rows, budget, only), 4))
        bias, weights = fit(rows, only)
        biases.append(round(bias, 4))
        columns.append(weights)
    names = sorted(set().union(*columns))
    table = {}
    for name in names:
        row = [round(column.get(name, 0.0) * UNIT) for column in columns]
        if any(abs(value) >= MIN_WEIGHT * UNIT for value in row):
            table[name] = " ".join(map(str, row))  # whole units of 1/UNIT
    return {
        "about": "Trained by python -m alongside.screening.train; do not edit by hand.",
        "examples": len(data),
        "heads": list(heads),
        "biases": biases,
        "thresholds": thresholds,
        "weights": table,
    }


def render(model: dict) -> str:
    # One feature per line keeps the file diffable.
    lines = [f'  "{key}": {json.dumps(model[key])},' for key in ("about", "examples", "heads")]
    lines += [f'  "{key}": {json.dumps(model[key])},' for key in ("biases", "thresholds")]
    rows = [f"    {json.dumps(name)}: {json.dumps(row)}" for name, row in model["weights"].items()]
    return "{\n" + "\n".join(lines) + '\n  "weights": {\n' + ",\n".join(rows) + "\n  }\n}\n"


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv if arg != "--check"]
    if not paths:
        print(__doc__)
        return 2
    model = train(paths)
    text = render(model)
    if "--check" in argv:
        stored = MODEL_FILE.read_text(encoding="utf-8") if MODEL_FILE.exists() else ""
        if stored != text:
            print(f"{MODEL_FILE.name} is out of date: run python -m alongside.screening.train")
            return 1
        print(f"{MODEL_FILE.name} matches the training data")
        return 0
    MODEL_FILE.write_text(text, encoding="utf-8")
    for head, value in zip(model["heads"], model["thresholds"], strict=True):
        print(f"{head:<18} threshold {value}")
    print(f"trained on {model['examples']} examples, {len(model['weights'])} features")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
