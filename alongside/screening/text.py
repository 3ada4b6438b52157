"""The one tokeniser and the sentence and clause boundaries every part of the engine shares."""

from __future__ import annotations

import re

# A word is a run of letters, digits, underscores and apostrophes ("don't" is one word). The
# rules' context checks read words like this; the learned model drops the apostrophes.
WORD_RE = re.compile(r"[\w']+")
SENTENCE_END_RE = re.compile(r"[.!?\n]+")
CLAUSE_END_RE = re.compile(
    r"[.!?;:,\n]+|\b(?:but|and|so|because|cause|though|although)\b", re.IGNORECASE
)
# Verbose mode lets a rule spread over lines with comments; spaces must be written as \s+.
# Matching ignores case by lowercasing both the pattern and the message once, which is several
# times faster than re.IGNORECASE on every rule.
REGEX_FLAGS = re.VERBOSE


def words(text: str) -> list[str]:
    """The words of a text, in order."""
    return WORD_RE.findall(text)


def model_words(folded: str) -> list[str]:
    """The words the learned model reads: apostrophes dropped ("don't" is "dont")."""
    return [word for word in (w.replace("'", "") for w in WORD_RE.findall(folded)) if word]


def lower_same_length(text: str) -> str:
    """Lowercase text without changing its length, so match offsets fit the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters grow when lowercased (dotted capital I); keep those as they are.
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def lowercase_pattern(pattern: str) -> str:
    """Lowercase a regex's literal letters but not its escapes (\\S, \\W, \\B) or (?P<...>)."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        keep = escaped or (char == "P" and out[-2:] == ["(", "?"])
        out.append(char if keep else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


def _span_start(text: str, position: int, boundary: re.Pattern[str]) -> int:
    start = 0
    for found in boundary.finditer(text, 0, position):
        start = found.end()
    return start


def _span_end(text: str, position: int, boundary: re.Pattern[str]) -> int:
    found = boundary.search(text, position)
    return found.start() if found else len(text)


def sentence_start(text: str, position: int) -> int:
    return _span_start(text, position, SENTENCE_END_RE)


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]."""
    return _span_start(text, start, SENTENCE_END_RE), _span_end(text, end, SENTENCE_END_RE)


def clause_start(text: str, position: int) -> int:
    return _span_start(text, position, CLAUSE_END_RE)


def clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around text[start:end] (sentences split further at commas, 'but', 'and'...)."""
    return _span_start(text, start, CLAUSE_END_RE), _span_end(text, end, CLAUSE_END_RE)


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by spaces, so every offset stays where it was."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text
