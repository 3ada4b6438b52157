"""The screening engine as a conversation uses it: a crisis level for every message, however
long, and the coach's notes for a mentor's draft."""

from collections.abc import Sequence
from dataclasses import dataclass

from alongside.screening import ScreeningResult, screen
from alongside.screening.rewording import rewording_for


def crisis_levels(text: str, role: str) -> tuple[str, str]:
    """The writer's own crisis level, and the level of the peer's risk a mentor's message
    gives back ("you said you've taken the tablets"); the second is always "none" for a peer.
    Each is the highest found anywhere in the text, however long: the engine screens a long
    text in overlapping parts, so a long message never skips screening."""
    result = screen(text, role)
    return result.crisis, result.reflected


@dataclass(frozen=True)
class CoachNote:
    category: str
    start: int
    end: int
    excerpt: str
    explanation: str
    suggestion: str
    replacement: str | None = None  # gentler words the mentor can take with one click
    occurrence: int = 0  # which appearance of the excerpt in the draft, counting from 0


@dataclass(frozen=True)
class Segment:
    text: str
    flagged: bool


def coach(text: str, avoid_topics: Sequence[str]) -> list[CoachNote]:
    """The coach's notes on a mentor's draft; none when it is empty.
    Never stored, never logged."""
    if not text.strip():
        return []
    result: ScreeningResult = screen(text, "mentor", avoid_topics=list(avoid_topics))
    return [
        CoachNote(
            f.category,
            f.start,
            f.end,
            text[f.start : f.end],
            f.explanation,
            f.suggestion,
            replacement=rewording_for(f, text),
            occurrence=occurrences_before(text, text[f.start : f.end], f.start),
        )
        for f in sorted(result.flags, key=lambda flag: flag.start)
    ]


def occurrences_before(text: str, words: str, start: int) -> int:
    """How many times the words appear before this place: the page finds the same place by
    counting, since a browser counts characters differently from Python (emoji)."""
    count, at = 0, text.find(words)
    while -1 < at < start:
        count, at = count + 1, text.find(words, at + 1)
    return count


def marked(text: str, notes: list[CoachNote]) -> list[Segment]:
    """The draft cut into plain and flagged pieces, for showing the flagged words in place."""
    pieces, at = [], 0
    for note in notes:
        if note.start < at:  # overlapping flags: the first one already marks these words
            continue
        pieces += [Segment(text[at : note.start], False), Segment(note.excerpt, True)]
        at = note.end
    pieces.append(Segment(text[at:], False))
    return [piece for piece in pieces if piece.text]
