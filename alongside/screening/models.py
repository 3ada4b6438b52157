"""Result types returned by the screening engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CRISIS_LEVELS = ("none", "concern", "urgent")
COACH_CATEGORIES = (
    "numbers",
    "body_talk",
    "food_morality",
    "behaviour_detail",
    "directive",
    "invalidating",
    "labeling",
    "boundary",
    "avoid_topic",
)
ROLES = ("mentor", "peer")


@dataclass(frozen=True)
class Flag:
    """One coach highlight: text[start:end] is the wording the coach is talking about."""

    category: str
    start: int
    end: int
    explanation: str
    suggestion: str
    rule_id: str

    def to_dict(self) -> dict[str, Any]:
        # rule_id stays internal: the UI shows the explanation, not our bookkeeping.
        return {
            "category": self.category,
            "start": self.start,
            "end": self.end,
            "explanation": self.explanation,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True)
class ScreeningResult:
    """The crisis level for anyone plus coach flags (always empty for peers).

    `crisis` is the writer's own risk: for a mentor, their own crisis (the self-care path).
    `reflected` is the risk a mentor's message gives back of what the peer told them ("you
    said you cut last night"): the peer's, not the mentor's; always "none" for a peer."""

    crisis: str
    flags: tuple[Flag, ...] = ()
    reflected: str = "none"

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "crisis": self.crisis,
            "flags": [flag.to_dict() for flag in self.flags],
        }
        if self.reflected != "none":
            found["reflected"] = self.reflected
        return found
