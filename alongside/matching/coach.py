"""Language-coach notes on a mentor's "about me", from the screening engine when installed.

The engine (`alongside.screening`) ships separately; without it there are simply no notes.
The notes advise: saving a profile never depends on them.
"""

import importlib
from dataclasses import dataclass


@dataclass(frozen=True)
class CoachNote:
    category: str
    excerpt: str
    explanation: str
    suggestion: str


def _screen():
    try:
        module = importlib.import_module("alongside.screening")
    except ImportError:
        return None
    return getattr(module, "screen", None)


def coach_notes(text: str) -> list[CoachNote]:
    """Notes for mentor-written text; an empty list when there is nothing to say."""
    screen = _screen()
    if screen is None or not text.strip():
        return []
    result = screen(text, "mentor")
    return [
        CoachNote(
            category=flag.category,
            excerpt=text[flag.start : flag.end],
            explanation=flag.explanation,
            suggestion=flag.suggestion,
        )
        for flag in getattr(result, "flags", [])
    ]
