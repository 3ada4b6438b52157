"""Shared handles on the engine's parts for the screening tests."""

from alongside.screening import engine as engine_mod
from alongside.screening.normalise import normalise
from alongside.screening.prefilter import LiteralFinder, RuleIndex

ENGINE = engine_mod.default_engine()
RULES = ENGINE.rules
COACH_INDEX = RuleIndex(rule for rule in RULES if rule.kind == "coach")
CRISIS_INDEX = RuleIndex(rule for rule in RULES if rule.kind == "crisis")
FINDER = LiteralFinder(ENGINE.index.literals())


def normal(text: str) -> str:
    return normalise(text).text


def prefilter(text: str) -> tuple[set[str] | None, str]:
    """The literals of a normalised text the prefilter sees (None: it would run every rule)."""
    folded = text.casefold()
    if len(folded) != len(text):
        return None, folded
    return FINDER.present(folded), folded
