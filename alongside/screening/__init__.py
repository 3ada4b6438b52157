"""Alongside screening engine: coach flags for mentors and a crisis level for everyone.

Pure Python with no Django import, so it can be tested, benchmarked and reused alone.
"""

from alongside.screening.engine import PART_LENGTH, Engine, build_engine, screen
from alongside.screening.models import (
    COACH_CATEGORIES,
    CRISIS_LEVELS,
    ROLES,
    Flag,
    ScreeningResult,
)

__all__ = [
    "COACH_CATEGORIES",
    "CRISIS_LEVELS",
    "Engine",
    "PART_LENGTH",
    "ROLES",
    "Flag",
    "ScreeningResult",
    "build_engine",
    "screen",
]
