"""The screening pipeline: validate input, assess crisis for everyone, coach mentors only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from alongside.screening import context as ctx_mod
from alongside.screening import topics
from alongside.screening.models import ROLES, Flag, ScreeningResult
from alongside.screening.rules import ANCHOR_KEY_LENGTH, Rule, load_rules

MAX_TEXT_LENGTH = 20_000
TOKEN_RE = re.compile(r"\w[\w']*")
ANCHOR_KEY_RE = re.compile(rf"\w[\w']{{{ANCHOR_KEY_LENGTH - 1}}}")
# Phone keyboards type curly apostrophes; rules are written with straight ones. The swap is
# one character for one, so match offsets still point into the original text.
APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})
LEVEL_ORDER = {"none": 0, "concern": 1, "urgent": 2}


class RuleIndex:
    """Rules grouped by the first letters of their anchors, so each message runs only a few."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        self.always: list[int] = []
        self.by_key: dict[str, list[int]] = {}
        for position, rule in enumerate(self.rules):
            keys = {anchor[:ANCHOR_KEY_LENGTH] for anchor in rule.anchors or ()}
            if not rule.anchors or not all(ANCHOR_KEY_RE.fullmatch(key) for key in keys):
                self.always.append(position)
                continue
            for key in keys:
                self.by_key.setdefault(key, []).append(position)

    def candidates(self, keys: set[str]) -> list[Rule]:
        """Rules that might match a message whose words start with the given keys."""
        chosen = set(self.always)
        for key in keys:
            found = self.by_key.get(key)
            if found:
                chosen.update(found)
        return [self.rules[position] for position in sorted(chosen)]


ALL_RULES = load_rules()
CONTEXT = ctx_mod.load_context()
COACH_INDEX = RuleIndex(rule for rule in ALL_RULES if rule.kind == "coach")
CRISIS_INDEX = RuleIndex(rule for rule in ALL_RULES if rule.kind == "crisis")


def validate(text: object, role: object, avoid_topics: object) -> tuple[str, ...]:
    """Raise ValueError for input the engine refuses; return avoid_topics as a tuple."""
    if not isinstance(text, str):
        # The contract promises ValueError for every refused input, so callers catch one type.
        raise ValueError(f"text must be a string, not {type(text).__name__}")  # noqa: TRY004
    if not text.strip():
        raise ValueError("text is empty or only whitespace")
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(
            f"text is {len(text)} characters; the limit is {MAX_TEXT_LENGTH} characters"
        )
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
    if avoid_topics is None:
        return ()
    if not isinstance(avoid_topics, (list, tuple)) or not all(
        isinstance(topic, str) for topic in avoid_topics
    ):
        raise ValueError("avoid_topics must be a list of strings")
    return tuple(" ".join(topic.lower().split()) for topic in avoid_topics if topic.strip())


def word_keys(text: str) -> set[str]:
    """The first letters of every word, lowercased once, for the rule prefilter."""
    return {token[:ANCHOR_KEY_LENGTH] for token in TOKEN_RE.findall(text.lower())}


def crisis_match_counts(text: str, match: re.Match[str]) -> bool:
    """Apply the context mechanisms; True when the match still signals risk about the writer."""
    start, end = match.span()
    if ctx_mod.in_idiom(CONTEXT, text, start, end):
        return False
    if ctx_mod.is_negated(CONTEXT, text, start):
        return False
    return not ctx_mod.is_about_someone_else(CONTEXT, text, start, end)


def assess_crisis(text: str, keys: set[str]) -> str:
    """The highest level among crisis matches that survive their context."""
    level = "none"
    for rule in CRISIS_INDEX.candidates(keys):
        if LEVEL_ORDER[rule.tag] <= LEVEL_ORDER[level]:
            continue
        for match in rule.regex.finditer(text):
            if not crisis_match_counts(text, match):
                continue
            found = _after_past_check(rule.tag, ctx_mod.past_state(CONTEXT, text, match.start()))
            if LEVEL_ORDER[found] > LEVEL_ORDER[level]:
                level = found
            if level == "urgent":
                return level
    return level


def _after_past_check(level: str, state: str) -> str:
    # A recovered past is no present risk. A past with no word on recovery drops one level:
    # a past attempt still deserves resources (concern), a past habit alone raises nothing.
    if state == "recovered":
        return "none"
    if state == "past":
        return "concern" if level == "urgent" else "none"
    return level


def _rule_flags(text: str, rule: Rule) -> Iterable[Flag]:
    for match in rule.regex.finditer(text):
        if rule.unless is not None and _vetoed(text, match, rule.unless):
            continue
        start, end = _hit_span(match)
        if start < end:
            yield Flag(rule.tag, start, end, rule.explanation, rule.suggestion, rule.id)


def _hit_span(match: re.Match[str]) -> tuple[int, int]:
    # A rule may mark the exact words to highlight with a group named "hit".
    if "hit" in match.re.groupindex and match.group("hit") is not None:
        return match.span("hit")
    return match.span()


def _vetoed(text: str, match: re.Match[str], unless: re.Pattern[str]) -> bool:
    start = ctx_mod._span_start(text, match.start(), ctx_mod.SENTENCE_END_RE)
    end = ctx_mod._span_end(text, match.end(), ctx_mod.SENTENCE_END_RE)
    return unless.search(text, start, end) is not None


def _topic_flags(text: str, avoid_topics: tuple[str, ...]) -> Iterable[Flag]:
    pattern = topics.topic_pattern(avoid_topics)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        topic = avoid_topics[int(match.lastgroup[1:])]
        explanation = topics.EXPLANATION.replace("{topic}", topic)
        yield Flag("avoid_topic", *match.span(), explanation, topics.SUGGESTION, "avoid_topic")


def _dedupe(flags: Iterable[Flag]) -> tuple[Flag, ...]:
    """Sort by start and keep one flag per overlapping stretch of the same category."""
    ordered = sorted(flags, key=lambda f: (f.start, -f.end, f.category, f.rule_id))
    kept: list[Flag] = []
    last_end: dict[str, int] = {}
    for flag in ordered:
        if flag.start < last_end.get(flag.category, -1):
            continue
        kept.append(flag)
        last_end[flag.category] = flag.end
    return tuple(kept)


def coach(text: str, keys: set[str], avoid_topics: tuple[str, ...]) -> tuple[Flag, ...]:
    """Every coach flag for a mentor message, sorted by start."""
    flags: list[Flag] = []
    for rule in COACH_INDEX.candidates(keys):
        flags.extend(_rule_flags(text, rule))
    if avoid_topics:
        flags.extend(_topic_flags(text, avoid_topics))
    return _dedupe(flags)


def screen(text: str, role: str, avoid_topics: Sequence[str] | None = None) -> ScreeningResult:
    """Screen one message: a crisis level for any role and coach flags for mentors only.

    Raises ValueError for a non-string, empty or over-long text (limit MAX_TEXT_LENGTH
    characters), an unknown role, or avoid_topics that is not a list of strings.
    """
    topics_tuple = validate(text, role, avoid_topics)
    text = text.translate(APOSTROPHES)
    keys = word_keys(text)
    crisis = assess_crisis(text, keys)
    if role == "peer":
        return ScreeningResult(crisis=crisis, flags=())  # peers are never coached
    return ScreeningResult(crisis=crisis, flags=coach(text, keys, topics_tuple))


def rule_fires(rule: Rule, text: str) -> bool:
    """Whether one rule alone matches a text (its 'unless' applied, no context checks)."""
    text = text.translate(APOSTROPHES)
    return any(
        rule.unless is None or not _vetoed(text, match, rule.unless)
        for match in rule.regex.finditer(text)
    )
