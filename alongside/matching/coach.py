"""Language-coach notes on a mentor's "about me", from the screening engine.

The notes advise: saving a profile never depends on them (the coach advises, the mentor decides).
"""

from dataclasses import dataclass

from alongside.screening import screen


@dataclass(frozen=True)
class CoachNote:
    category: str
    excerpt: str
    explanation: str
    suggestion: str


def coach_notes(text: str) -> list[CoachNote]:
    """Notes for mentor-written text; an empty list when there is nothing to say."""
    if not text.strip():
        return []
    try:
        result = screen(text, "mentor")
    except ValueError:  # too long to screen: the form itself reports the length
        return []
    return [
        CoachNote(
            category=flag.category,
            excerpt=text[flag.start : flag.end],
            explanation=flag.explanation,
            suggestion=flag.suggestion,
        )
        for flag in result.flags
    ]
