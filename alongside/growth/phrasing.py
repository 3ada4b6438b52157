"""Whether a goal is worded as moving away from something, so the page can offer a gentle
question about what the person would like instead. It never changes or blocks what they wrote."""

import re
import unicodedata

# Lead-ins people put before the goal itself: "I want to", "I'd like to", "to", "try to"...
_LEAD = re.compile(
    r"^(?:(?:i\s+(?:really\s+)?(?:want|would\s+like|need|hope|wish|am\s+going)\s+to|"
    r"i'd\s+(?:really\s+)?like\s+to|i'm\s+going\s+to|i\s+will|i'll|i\s+am|i'm|"
    r"my\s+goal\s+is\s+to|try\s+to|trying\s+to|to)\s+)+"
)
_AWAY = re.compile(
    r"^(?:i\s+)?(?:stop|stopping|quit|quitting|avoid|avoiding|not|never|no\s+more|no\s+longer|don'?t|"
    r"do\s+not|cut\s+out|give\s+up|get\s+rid\s+of|less)\b"
)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    return re.sub(r"\s+", " ", text).strip(" .!,;:-\"'")


def is_moving_away(goal: str) -> bool:
    """True for "Stop skipping breakfast", "I want to not weigh myself", "no more bingeing";
    false for "Eat breakfast with my sister", "Notice when I'm tired"."""
    text = _LEAD.sub("", _normal(goal))
    return bool(_AWAY.match(text))


# Offered, never required: the person may keep their words exactly as they are.
REFRAME_QUESTION = (
    "Some people find it helps to name what they would like to be doing instead. If you "
    "stopped, what would you be moving towards? You are welcome to keep your words as they are."
)
