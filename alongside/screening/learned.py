"""A learned second opinion: a small word model that can only add to what the rules found.

The rules catch the phrasings they name, precisely and with explanations; people find other
words. This model, logistic regression over words, word stems and pairs of adjacent words, is
trained on the labelled development sets (``python -m alongside.screening.train``) and stored
as plain JSON next to the rules. It answers a few yes/no questions ("heads"): is the message
urgent, is it any alert, and for a mentor's message, does it fall in each coach category. Each
head's threshold is chosen during training so that it fires on only a small share of messages
that do not belong. It never lowers a crisis level, never removes a flag, and never overrules
a rule match that the context checks (idiom, denial, someone else, the past) set aside.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from operator import add, ge
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("data") / "learned_model.json"
TEXTS_FILE = Path(__file__).with_name("data") / "learned.toml"
CRISIS_HEADS = ("urgent", "alert")
TOKEN_RE = re.compile(r"[a-z0-9]+")
SPAN_RE = re.compile(r"[a-z0-9']+")  # the same words, found where they sit in the text
STEM_LENGTH = 5
PAIR_BASE = 1 << 20  # more than the number of distinct words in any model
# A coach flag from the model needs one word or pair that carries the category on its own,
# not only many small weights (short greetings would otherwise drift into a category).
MIN_TRIGGER_WEIGHT = 1.0


def tokens(folded: str) -> list[str]:
    """The words of a lowercased text; apostrophes are dropped ("don't" is "dont")."""
    return TOKEN_RE.findall(folded.replace("'", ""))


def word_features(word: str) -> tuple[str, ...]:
    """A word stands for itself and, when long, for its stem ("~" + its first letters)."""
    return (word, "~" + word[:STEM_LENGTH]) if len(word) > STEM_LENGTH else (word,)


def features(folded: str) -> list[str]:
    """The features of a lowercased text: every word and the stem of every long word, as often
    as they occur, and each distinct pair of adjacent words (joined by a space)."""
    words = tokens(folded)
    found = [feature for word in words for feature in word_features(word)]
    found.extend(f"{first} {second}" for first, second in set(zip(words, words[1:], strict=False)))
    return found


def logit(probability: float) -> float:
    return math.log(probability / (1.0 - probability))


@dataclass(frozen=True)
class LearnedModel:
    """All heads answered from one table: each feature maps to one weight per head.

    The engine scores a message from pieces it caches per whitespace-separated token (the
    token's words and their summed word and stem weights); only pairs of adjacent words are
    looked up per message.
    """

    heads: tuple[str, ...]
    words: dict[str, tuple[float, ...]]  # word or stem -> one weight per head
    pairs: dict[tuple[str, str], tuple[float, ...]]  # adjacent words -> one weight per head
    biases: tuple[float, ...]
    cutoffs: tuple[float, ...]  # thresholds as scores, so no exponential at run time
    # Pairs looked up by number: each word that starts or ends a known pair has a number
    # (0 for any other word), and a pair's key is first * PAIR_BASE + second.
    numbers: dict[str, int]
    numbered_pairs: dict[int, tuple[float, ...]]

    def word_numbers(self, words: Iterable[str]) -> tuple[int, ...]:
        numbers = self.numbers
        return tuple(numbers.get(word, 0) for word in words)

    def token_score(self, words: Iterable[str]) -> tuple[float, ...]:
        """The summed word and stem weights of some words, one sum per head."""
        table = self.words
        found = [
            table[feature] for word in words for feature in word_features(word) if feature in table
        ]
        if not found:
            return (0.0,) * len(self.heads)
        return tuple(map(sum, zip(*found, strict=True)))

    def fired(self, numbers: list[int], word_scores: Iterable[tuple[float, ...]]) -> set[str]:
        """The heads whose score reaches its cutoff, given the numbers of a message's words in
        order (see word_numbers) and the word scores of its tokens."""
        pairs = self.numbered_pairs
        keys = set(map(add, map(PAIR_BASE.__mul__, numbers), numbers[1:]))
        parts = [self.biases, *word_scores]
        parts.extend(map(pairs.__getitem__, filter(pairs.__contains__, keys)))
        totals = map(sum, zip(*parts, strict=True))
        return {
            head
            for head, reached in zip(self.heads, map(ge, totals, self.cutoffs), strict=True)
            if reached
        }

    def fired_for_text(self, folded: str) -> set[str]:
        """The heads that fire for a lowercased text, without the engine's token cache."""
        words = tokens(folded)
        return self.fired(list(self.word_numbers(words)), [self.token_score(words)])

    def trigger(self, folded: str, head: str) -> tuple[int, int, float]:
        """Where in the text the word or pair that counts most toward a head sits, and its
        weight."""
        column = self.heads.index(head)
        spots = [
            (found.group().replace("'", ""), found.start(), found.end())
            for found in SPAN_RE.finditer(folded)
        ]
        spots = [spot for spot in spots if spot[0]]
        best, span = -math.inf, (0, len(folded))
        for word, start, end in spots:
            weight = sum(
                self.words.get(f, (0.0,) * len(self.heads))[column] for f in word_features(word)
            )
            if weight > best:
                best, span = weight, (start, end)
        for (first, start, _), (second, _, end) in zip(spots, spots[1:], strict=False):
            weight = self.pairs.get((first, second), (0.0,) * len(self.heads))[column]
            if weight > best:
                best, span = weight, (start, end)
        return (*span, best)


def crisis_level(fired: set[str]) -> str:
    """The crisis level the crisis heads give."""
    if "urgent" in fired:
        return "urgent"
    return "concern" if "alert" in fired else "none"


def load_model(path: Path = MODEL_FILE) -> LearnedModel | None:
    """The trained model, or None when no model file has been trained yet."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    heads = tuple(data["heads"])
    size = len(heads)

    def vector(raw: list[float]) -> tuple[float, ...]:
        if len(raw) != size:
            raise ValueError(f"{path.name}: a weight row has {len(raw)} values, not {size}")
        return tuple(raw)

    weights = {name: vector(raw) for name, raw in data["weights"].items()}
    pairs = {tuple(name.split(" ", 1)): value for name, value in weights.items() if " " in name}
    numbers: dict[str, int] = {}
    for pair in pairs:
        for word in pair:
            numbers.setdefault(word, len(numbers) + 1)
    return LearnedModel(
        heads=heads,
        words={name: value for name, value in weights.items() if " " not in name},
        pairs=pairs,
        biases=vector(data["biases"]),
        cutoffs=tuple(logit(threshold) for threshold in vector(data["thresholds"])),
        numbers=numbers,
        numbered_pairs={
            numbers[first] * PAIR_BASE + numbers[second]: value
            for (first, second), value in pairs.items()
        },
    )


def load_texts(path: Path = TEXTS_FILE) -> dict[str, tuple[str, str]]:
    """The explanation and suggestion shown with a flag the model raised, per category."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        category: (" ".join(entry["explanation"].split()), " ".join(entry["suggestion"].split()))
        for category, entry in data.items()
    }
