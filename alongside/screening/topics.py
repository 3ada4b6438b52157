"""Match the topics a peer asked not to discuss, using a synonym lexicon in data/topics.toml."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable

from alongside.screening.rules import PACKAGE, RuleError
from alongside.screening.text import words

TOPICS_FILE = PACKAGE / "data" / "topics.toml"
PATTERN_CACHE = 512  # distinct avoid lists kept compiled
# Small words that never make a topic on their own ("my family stuff" is about family).
STOPWORDS = frozenset(
    {
        *("a", "an", "the", "my", "your", "our", "their", "his", "her", "of", "about"),
        *("and", "or", "to", "in", "on", "at", "for", "with", "any", "anything", "stuff"),
        *("things", "thing", "talk", "talking", "discuss", "discussing", "please", "no"),
        *("not", "don't", "dont"),
    }
)


@dataclass(frozen=True)
class Topics:
    """The synonym lexicon, and the words and regex for the topics a peer asked to avoid."""

    lexicon: dict[str, tuple[str, ...]]
    explanation: str
    suggestion: str
    # Every lexicon word points back at the topics it belongs to, so "my mom" finds "family".
    word_to_topics: dict[str, set[str]] = field(default_factory=dict)
    patterns: dict[tuple[str, ...], re.Pattern[str] | None] = field(default_factory=dict)

    def words_for_topic(self, topic: str) -> tuple[str, ...]:
        """All words that count as mentioning a free-text topic the peer wrote."""
        phrase = " ".join(topic.lower().split())
        found: set[str] = set()
        for name in self.word_to_topics.get(phrase, ()):
            found.update(self.lexicon[name])
        content = [w for w in words(phrase) if w not in STOPWORDS]
        for word in content:
            singular = word[:-1] if len(word) > 3 and word.endswith("s") else word
            for key in (word, singular):
                for name in self.word_to_topics.get(key, ()):
                    found.update(self.lexicon[name])
        found.update(content)
        if phrase and not content and phrase not in STOPWORDS:
            found.add(phrase)
        return tuple(sorted(found))

    def pattern(self, topics: tuple[str, ...]) -> re.Pattern[str] | None:
        """One compiled regex for a peer's avoid list, with a named group per topic (cached)."""
        if topics not in self.patterns:
            if len(self.patterns) >= PATTERN_CACHE:
                self.patterns.clear()
            self.patterns[topics] = self._compile(topics)
        return self.patterns[topics]

    def _compile(self, topics: tuple[str, ...]) -> re.Pattern[str] | None:
        groups = []
        for index, topic in enumerate(topics):
            found = sorted(self.words_for_topic(topic), key=len, reverse=True)
            if found:
                alternatives = "|".join(_inflected(word) for word in found)
                groups.append(f"(?P<t{index}>{alternatives})")
        return re.compile("|".join(groups), re.IGNORECASE) if groups else None


def load_topics(path: Traversable = TOPICS_FILE) -> Topics:
    """Read data/topics.toml, failing loudly on a missing key or a malformed topic."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: not valid TOML ({exc})") from exc
    for key in ("explanation", "suggestion", "topics"):
        if key not in data:
            raise RuleError(f"{path.name}: missing '{key}'")
    lexicon: dict[str, tuple[str, ...]] = {}
    for name, entries in data["topics"].items():
        if not isinstance(entries, list) or not all(isinstance(w, str) and w for w in entries):
            raise RuleError(f"{path.name}: topic '{name}' must be a list of words")
        lexicon[name.lower()] = tuple(w.lower() for w in [name, *entries])
    topics = Topics(lexicon, data["explanation"], data["suggestion"])
    for name, entries in lexicon.items():
        for word in entries:
            topics.word_to_topics.setdefault(word, set()).add(name)
    return topics


def _inflected(word: str) -> str:
    """A regex for a word or phrase that tolerates simple plurals and -ed/-ing endings."""
    parts = word.split()
    pieces = [re.escape(part) for part in parts[:-1]]
    pieces.append(_stem_pattern(parts[-1]))
    return r"\b" + r"\s+".join(pieces) + r"\b"


def _stem_pattern(word: str) -> str:
    # Rough English endings only: "bake", "baking", "baked", "bakes" all share "bak".
    stem = word
    for ending in ("ing", "ed", "es", "s", "e"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 3 and not stem.endswith("ss"):
            stem = stem[: -len(ending)]
            break
    endings = "e|es|ed|ing|er|ers|s|'s" if stem != word or len(word) > 3 else "s|es|'s"
    return re.escape(stem) + f"(?:{endings})?"
