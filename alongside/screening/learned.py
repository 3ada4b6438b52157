"""A learned second opinion: a small word model that can only add to what the rules found.

The rules catch the phrasings they name, precisely and with explanations; people find other
words. This model, logistic regression over words, word stems and pairs of adjacent words, is
trained on the labelled development sets (``python -m alongside.screening.train``) and stored
as plain JSON next to the rules. It answers a few yes/no questions ("heads"): is the message
urgent, is it any alert, and for a mentor's message, does it fall in each coach category. Each
head's threshold is chosen during training so that it fires on only a small share of messages
that do not belong. It never lowers a crisis level and never removes a flag, and the words
the context checks judged (an idiom, a denied clause, a sentence about someone else or the
past) are no evidence for it.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from operator import add

from alongside.screening.text import WORD_RE, model_words

DATA = resources.files("alongside.screening") / "data"
MODEL_FILE = DATA / "learned_model.json"
TEXTS_FILE = DATA / "learned.toml"
CRISIS_HEADS = ("urgent", "alert")
STEM_LENGTH = 5
PAIR_BASE = 1 << 20  # more than the number of distinct words in any model
# A coach flag from the model needs one word or pair that carries the category on its own,
# not only many small weights (short greetings would otherwise drift into a category).
MIN_TRIGGER_WEIGHT = 1.0


class ModelError(ValueError):
    """The stored model is missing or malformed: the engine refuses to run without it."""


def tokens(folded: str) -> list[str]:
    """The words of a lowercased text; apostrophes are dropped ("don't" is "dont")."""
    return model_words(folded)


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


# Weights are kept to four decimals, so they are exact whole numbers of 1/UNIT. All heads'
# weights for one feature are packed into one Python integer, LANE bits per head, so a
# message's scores are one integer sum instead of a sum per head. Lane 0 counts the features
# summed; every other lane carries the weight plus OFFSET, which keeps each lane positive.
UNIT = 10_000
LANE = 48
MASK = (1 << LANE) - 1
OFFSET = 1 << 24  # above any single weight (weights stay far below 1,000)
# The top bit of each head's lane is kept free as a guard: subtracting the packed thresholds
# from (total | GUARD) leaves a lane's guard bit set exactly when its score reached the
# threshold, so every head is compared in one subtraction.
GUARD = 1 << (LANE - 1)


def pack(weights: Iterable[float]) -> int:
    packed = 1  # lane 0: one feature
    for lane, weight in enumerate(weights, start=1):
        packed |= (round(weight * UNIT) + OFFSET) << (LANE * lane)
    return packed


def unpack(total: int, lane: int) -> int:
    """One head's summed weight, in units, from a sum of packed features (lane from 1)."""
    return ((total >> (LANE * lane)) & MASK) - (total & MASK) * OFFSET


@dataclass(frozen=True)
class LearnedModel:
    """All heads answered from one table: each feature maps to its packed weights.

    The engine scores a message from pieces it caches per whitespace-separated token (the
    numbers of the token's words and the packed sum of their word and stem weights); only
    pairs of adjacent words are looked up per message.
    """

    heads: tuple[str, ...]
    words: dict[str, int]  # word or stem -> packed weights
    bias: int  # packed biases
    cutoffs: tuple[float, ...]  # thresholds as scores in units, so no exponential at run time
    # Pairs looked up by number: each word that starts or ends a known pair has a number
    # (0 for any other word), and a pair's key is first * PAIR_BASE + second.
    numbers: dict[str, int]
    numbered_pairs: dict[int, int]
    # For comparing every head at once (see GUARD): the packed thresholds, one OFFSET per head
    # lane, the guard bits, and which head each guard bit belongs to.
    packed_cutoffs: int = 0
    offsets: int = 0
    guards: int = 0
    guard_heads: dict[int, str] = field(default_factory=dict)

    def word_numbers(self, words: Iterable[str]) -> tuple[int, ...]:
        numbers = self.numbers
        return tuple(numbers.get(word, 0) for word in words)

    def token_score(self, words: Iterable[str]) -> int:
        """The packed sum of the word and stem weights of some words."""
        table = self.words
        return sum(
            table[feature] for word in words for feature in word_features(word) if feature in table
        )

    def fired(self, numbers: list[int], word_scores: Iterable[int]) -> set[str]:
        """The heads whose score reaches its cutoff."""
        pairs = self.numbered_pairs
        keys = set(map(add, map(PAIR_BASE.__mul__, numbers), numbers[1:]))
        total = (
            self.bias
            + sum(word_scores)
            + sum(map(pairs.__getitem__, filter(pairs.__contains__, keys)))
        )
        # Each lane holds (features summed) * OFFSET + score; so does the threshold.
        thresholds = self.packed_cutoffs + (total & MASK) * self.offsets
        reached = ((total | self.guards) - thresholds) & self.guards
        found = set()
        while reached:
            lowest = reached & -reached
            found.add(self.guard_heads[lowest])
            reached ^= lowest
        return found

    def fired_for_text(self, folded: str) -> set[str]:
        """The heads that fire for a lowercased text, without the engine's token cache."""
        words = tokens(folded)
        return self.fired(list(self.word_numbers(words)), [self.token_score(words)])

    def trigger(self, folded: str, head: str) -> tuple[int, int, float]:
        """Where in the text the word or pair that counts most toward a head sits, and its
        weight."""
        lane = self.heads.index(head) + 1
        spots = [
            (found.group().replace("'", ""), found.start(), found.end())
            for found in WORD_RE.finditer(folded)
        ]
        spots = [spot for spot in spots if spot[0]]
        best, span = -math.inf, (0, len(folded))
        for word, start, end in spots:
            packed = self.token_score([word])
            weight = unpack(packed, lane) / UNIT if packed else 0.0
            if weight > best:
                best, span = weight, (start, end)
        for (first, start, _), (second, _, end) in zip(spots, spots[1:], strict=False):
            numbers = self.numbers
            key = numbers.get(first, 0) * PAIR_BASE + numbers.get(second, 0)
            packed = self.numbered_pairs.get(key, 0)
            weight = unpack(packed, lane) / UNIT if packed else 0.0
            if weight > best:
                best, span = weight, (start, end)
        return (*span, best)


def crisis_level(fired: set[str]) -> str:
    """The crisis level the crisis heads give."""
    if "urgent" in fired:
        return "urgent"
    return "concern" if "alert" in fired else "none"


def load_model(path: Traversable = MODEL_FILE) -> LearnedModel:
    """The trained model; a missing or malformed file raises ModelError, because an engine
    that silently ran on rules alone would miss what only the model catches."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return _build_model(data, path.name)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"cannot load the learned model {path.name}: {exc}") from exc


def _build_model(data: dict, name: str) -> LearnedModel:
    heads = tuple(data["heads"])
    size = len(heads)

    def vector(raw: list[float]) -> list[float]:
        if len(raw) != size:
            raise ValueError(f"{name}: a weight row has {len(raw)} values, not {size}")
        return raw

    # Each row is stored as one string of whole units ("12 -340 ..."), which loads in a
    # fraction of the memory a JSON list of floats per feature would take.
    words: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for name, row in data["weights"].items():
        packed = pack(value / UNIT for value in vector([int(part) for part in row.split()]))
        if " " in name:
            first, second = name.split(" ", 1)
            pairs[first, second] = packed
        else:
            words[name] = packed
    numbers: dict[str, int] = {}
    for pair in pairs:
        for word in pair:
            numbers.setdefault(word, len(numbers) + 1)
    cutoffs = tuple(logit(threshold) * UNIT for threshold in vector(data["thresholds"]))
    lanes = range(1, size + 1)
    return LearnedModel(
        heads=heads,
        words=words,
        bias=pack(vector(data["biases"])),
        cutoffs=cutoffs,
        numbers=numbers,
        numbered_pairs={
            numbers[first] * PAIR_BASE + numbers[second]: value
            for (first, second), value in pairs.items()
        },
        packed_cutoffs=sum(
            math.ceil(cutoff) << (LANE * lane) for lane, cutoff in zip(lanes, cutoffs, strict=True)
        ),
        offsets=sum(OFFSET << (LANE * lane) for lane in lanes),
        guards=sum(GUARD << (LANE * lane) for lane in lanes),
        guard_heads={GUARD << (LANE * lane): head for lane, head in zip(lanes, heads, strict=True)},
    )


class Evidence:
    """The words the crisis heads may take evidence of risk from (data/learned.toml).

    An entry of six letters or more stands for every word it starts ("suicid": suicide,
    suicidal); a shorter one only for itself and its plain endings ("cut": cuts, cutting), so
    "die" never covers "diet" nor "black" "blackfriday". A stem feature ("~suici") or a pair
    counts when a word in it does.
    """

    ENDINGS = ("s", "es", "d", "ed", "ing", "er", "y", "e")

    def __init__(self, entries: Iterable[str]) -> None:
        entries = list(entries)
        self.prefixes = tuple(sorted(entry for entry in entries if len(entry) > STEM_LENGTH))
        short = [entry for entry in entries if len(entry) <= STEM_LENGTH]
        self.exact = set(short)
        for entry in short:
            self.exact.update(entry + ending for ending in self.ENDINGS)
            self.exact.update(entry + entry[-1] + ending for ending in ("ed", "ing", "er"))
        self.stems = {word[:STEM_LENGTH] for word in self.exact if len(word) > STEM_LENGTH}
        self.cache: dict[str, bool] = {}

    def count(self, words: Iterable[str]) -> int:
        """How many distinct evidence words a message holds."""
        return sum(1 for word in set(words) if self._word(word))

    def allows(self, feature: str) -> bool:
        found = self.cache.get(feature)
        if found is None:
            found = any(self._word(part) for part in feature.split(" "))
            self.cache[feature] = found
        return found

    def _word(self, word: str) -> bool:
        if word.startswith("~"):
            stem = word[1:]
            return stem in self.stems or any(
                stem.startswith(prefix) or prefix.startswith(stem) for prefix in self.prefixes
            )
        return word in self.exact or word.startswith(self.prefixes)


def load_evidence(path: Traversable = TEXTS_FILE, section: str = "evidence") -> list[str]:
    """The evidence words of data/learned.toml ([evidence], or [urgent_evidence])."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    words = data.get(section, {}).get("words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ModelError(f"{path.name}: [{section}] needs a list of words")
    return words


def load_texts(path: Traversable = TEXTS_FILE) -> dict[str, tuple[str, str]]:
    """The explanation and suggestion shown with a flag the model raised, per category."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        category: (" ".join(entry["explanation"].split()), " ".join(entry["suggestion"].split()))
        for category, entry in data.items()
        if category not in ("evidence", "urgent_evidence")
    }
