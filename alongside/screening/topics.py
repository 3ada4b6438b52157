"""Match the topics a peer asked not to discuss, using a synonym lexicon in data/topics.toml."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from alongside.screening.rules import RuleError

TOPICS_FILE = Path(__file__).with_name("data") / "topics.toml"
# Small words that never make a topic on their own ("my family stuff" is about family).
STOPWORDS = frozenset(
    {
        *("a", "an", "the", "my", "your", "our", "their", "his", "her", "of", "about"),
        *("and", "or", "to", "in", "on", "at", "for", "with", "any", "anything", "stuff"),
        *("things", "thing", "talk", "talking", "discuss", "discussing", "please", "no"),
        *("not", "don't", "dont"),
    }
)


def _load_lexicon(path: Path = TOPICS_FILE) -> tuple[dict[str, tuple[str, ...]], str, str]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: not valid TOML ({exc})") from exc
    for key in ("explanation", "suggestion", "topics"):
        if key not in data:
            raise RuleError(f"{path.name}: missing '{key}'")
    lexicon: dict[str, tuple[str, ...]] = {}
    for name, words in data["topics"].items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise RuleError(f"{path.name}: topic '{name}' must be a list of words")
        lexicon[name.lower()] = tuple(w.lower() for w in [name, *words])
    return lexicon, data["explanation"], data["suggestion"]


LEXICON, EXPLANATION, SUGGESTION = _load_lexicon()
# Every lexicon word points back at the topics it belongs to, so "my mom" finds "family".
WORD_TO_TOPICS: dict[str, set[str]] = {}
for _topic, _words in LEXICON.items():
    for _word in _words:
        WORD_TO_TOPICS.setdefault(_word, set()).add(_topic)


def _inflected(word: str) -> str:
    """A regex for a word or phrase that tolerates simple plurals and -ed/-ing endings."""
    parts = word.split()
    words = [re.escape(part) for part in parts[:-1]]
    words.append(_stem_pattern(parts[-1]))
    return r"\b" + r"\s+".join(words) + r"\b"


def _stem_pattern(word: str) -> str:
    # Rough English endings only: "bake", "baking", "baked", "bakes" all share "bak".
    stem = word
    for ending in ("ing", "ed", "es", "s", "e"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 3 and not stem.endswith("ss"):
            stem = stem[: -len(ending)]
            break
    endings = "e|es|ed|ing|er|ers|s|'s" if stem != word or len(word) > 3 else "s|es|'s"
    return re.escape(stem) + f"(?:{endings})?"


def words_for_topic(topic: str) -> tuple[str, ...]:
    """All words that count as mentioning a free-text topic the peer wrote."""
    phrase = " ".join(topic.lower().split())
    words: set[str] = set()
    if phrase in WORD_TO_TOPICS:
        for name in WORD_TO_TOPICS[phrase]:
            words.update(LEXICON[name])
    content = [w for w in re.findall(r"[\w']+", phrase) if w not in STOPWORDS]
    for word in content:
        singular = word[:-1] if len(word) > 3 and word.endswith("s") else word
        for key in (word, singular):
            for name in WORD_TO_TOPICS.get(key, ()):
                words.update(LEXICON[name])
    words.update(content)
    if phrase and not content and phrase not in STOPWORDS:
        words.add(phrase)
    return tuple(sorted(words))


@lru_cache(maxsize=512)
def topic_pattern(topics: tuple[str, ...]) -> re.Pattern[str] | None:
    """One compiled regex for a peer's avoid list, with a named group per topic (cached)."""
    groups = []
    for index, topic in enumerate(topics):
        words = sorted(words_for_topic(topic), key=len, reverse=True)
        if words:
            alternatives = "|".join(_inflected(word) for word in words)
            groups.append(f"(?P<t{index}>{alternatives})")
    if not groups:
        return None
    return re.compile("|".join(groups), re.IGNORECASE)
