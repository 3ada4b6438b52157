"""The screening pipeline: validate input, assess crisis for everyone, coach mentors only."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from itertools import chain
from operator import attrgetter, or_

from alongside.screening import context as ctx_mod
from alongside.screening import learned, topics
from alongside.screening.models import COACH_CATEGORIES, ROLES, Flag, ScreeningResult
from alongside.screening.rules import (
    DIGIT_ANCHOR,
    Anchors,
    Branch,
    Rule,
    load_rules,
    lower_same_length,
)

MAX_TEXT_LENGTH = 20_000
WORD_RE = re.compile(r"\w+")
DIGIT_WORD_RE = re.compile(r"\b\d")
WORD_START = "^"  # prefix of a prefilter key meaning "this literal starts a word"
# Phone keyboards type curly apostrophes; rules are written with straight ones. The swap is
# one character for one, so match offsets still point into the original text.
APOSTROPHES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'"})
LEVEL_ORDER = {"none": 0, "concern": 1, "urgent": 2}
COACH_ORDER = {category: number for number, category in enumerate(COACH_CATEGORIES)}


class LiteralFinder:
    """Which rule literals occur in a message, found word by word.

    Every anchor literal is a run of word characters taken from a rule's regex, so any match
    holds it inside one word of the message. Each distinct word is looked up once: its
    substrings are checked against the set of literals, and the answer is cached, so a
    message costs one dictionary lookup per word in the common case.
    """

    CACHE_LIMIT = 50_000

    def __init__(self, literals: Iterable[str]) -> None:
        self.literals = frozenset(literal for literal in literals if literal != DIGIT_ANCHOR)
        lengths = [len(literal) for literal in self.literals] or [1]
        self.min_length, self.max_length = min(lengths), max(lengths)
        self.cache: dict[str, frozenset[str]] = {}

    def in_word(self, word: str) -> frozenset[str]:
        """Literals inside one whitespace-separated token, cached.

        A literal counts as starting a word (key WORD_START + literal) when it sits at the
        token's start or after a non-word character, exactly where the regex sees a word start.
        """
        found = self.cache.get(word)
        if found is not None:
            return found
        literals, size = self.literals, len(word)
        hits = []
        for start in range(size - self.min_length + 1):
            starts_word = start == 0 or not _is_word_char(word[start - 1])
            stop = min(size, start + self.max_length)
            for end in range(start + self.min_length, stop + 1):
                piece = word[start:end]
                if piece in literals:
                    hits.append(piece)
                    if starts_word:
                        hits.append(WORD_START + piece)
        found = frozenset(hits)
        if len(self.cache) < self.CACHE_LIMIT:
            self.cache[word] = found
        return found

    def present(self, folded: str) -> set[str]:
        """Every literal that occurs in the (casefolded) text, plus DIGIT_ANCHOR if relevant."""
        cache, in_word = self.cache, self.in_word
        words = set(folded.split())
        found: set[str] = set().union(
            *[cache[word] if word in cache else in_word(word) for word in words]
        )
        if DIGIT_WORD_RE.search(folded):
            found.add(DIGIT_ANCHOR)
        return found


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


class RuleIndex:
    """Rule branches indexed by their anchor literals, so each message runs only the few that
    can match.

    A branch is a candidate when one of its anchor literals occurs in the message and every
    further literal group it needs is touched too. Every check can only let extra branches
    through, never drop one that would match.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.entries: list[tuple[Rule, Branch]] = []
        self.always: list[int] = []
        self.by_key: dict[str, list[int]] = {}
        self.requirements: list[tuple[frozenset[str], ...]] = []
        for rule in rules:
            for branch in rule.branches:
                self._add(rule, branch, branch.anchors)
        # Number the literal groups branches need besides their anchor: a message satisfies a
        # group when it holds any of the group's literals.
        numbers: dict[frozenset[str], int] = {}
        self.needs: dict[int, int] = {}  # position -> bit mask of the groups it needs
        for position, groups in enumerate(self.requirements):
            mask = 0
            for group in groups:
                mask |= 1 << numbers.setdefault(group, len(numbers))
            if mask:
                self.needs[position] = mask
        self.groups_by_literal: dict[str, int] = {}  # literal -> mask of groups holding it
        for group, number in numbers.items():
            for literal in group:
                self.groups_by_literal[literal] = self.groups_by_literal.get(literal, 0) | (
                    1 << number
                )
        self.key_positions: dict[str, int] = {
            key: sum(1 << position for position in set(positions))
            for key, positions in self.by_key.items()
        }
        self.always_mask = sum(1 << position for position in set(self.always))
        # Per position: the mask of groups it needs (0 for none) and its entry.
        self.table = [
            (self.needs.get(position, 0), entry) for position, entry in enumerate(self.entries)
        ]

    def _add(self, rule: Rule, branch: Branch, anchors: Anchors | None) -> None:
        position = len(self.entries)
        self.entries.append((rule, branch))
        self.requirements.append(branch.also)
        if anchors is None:
            self.always.append(position)
            return
        for literal in anchors.literals:
            # A literal that must start a word is looked up as such: far fewer messages hold it.
            start = anchors.word_start and literal != DIGIT_ANCHOR
            key = WORD_START + literal if start else literal
            self.by_key.setdefault(key, []).append(position)

    def literals(self) -> set[str]:
        """Every literal the index looks at (anchors and further requirements)."""
        found = {key.removeprefix(WORD_START) for key in self.by_key}
        for groups in self.requirements:
            for group in groups:
                found.update(group)
        return found

    def anchored(self, keys: Iterable[str]) -> int:
        """Bit mask of the positions of the branches anchored by any of these prefilter keys."""
        positions = self.key_positions
        return reduce(or_, [positions[key] for key in keys if key in positions], 0)

    def touched(self, keys: Iterable[str]) -> int:
        """Bit mask of the requirement groups these prefilter keys satisfy."""
        groups = self.groups_by_literal
        return reduce(or_, [groups[key] for key in keys if key in groups], 0)

    def select(self, anchored: int, touched: int) -> list[tuple[Rule, Branch]]:
        """The branches to run, in rule-file order, from what a message anchored and touched."""
        chosen: list[tuple[Rule, Branch]] = []
        table = self.table
        remaining = anchored | self.always_mask
        while remaining:
            lowest = remaining & -remaining
            need, entry = table[lowest.bit_length() - 1]
            if need & touched == need:
                chosen.append(entry)
            remaining ^= lowest
        return chosen

    def candidates(self, keys: set[str] | None, folded: str) -> list[tuple[Rule, Branch]]:
        """Branches worth running, in rule-file order; keys=None means run everything."""
        if keys is None:
            return self.entries
        return self.select(self.anchored(keys), self.touched(keys))


@dataclass(frozen=True, slots=True)
class Token:
    """What one whitespace-separated token brings to a message, worked out once and cached."""

    anchored: int  # bit mask of the INDEX positions anchored inside the token
    touched: int  # bit mask of the INDEX requirement groups the token satisfies
    numbers: tuple[int, ...]  # the learned model's numbers for the token's words
    scores: int  # their summed word weights, packed (see learned.pack)


ANCHORED, TOUCHED = attrgetter("anchored"), attrgetter("touched")
NUMBERS, SCORES = attrgetter("numbers"), attrgetter("scores")


class TokenCache:
    """Per-token prefilter and model work, so a message costs a lookup per token."""

    LIMIT = 50_000

    def __init__(self, finder: LiteralFinder, index: RuleIndex, model) -> None:
        self.finder, self.index, self.model = finder, index, model
        self.cache: dict[str, Token] = {}

    def build(self, token: str) -> Token:
        keys = set(self.finder.in_word(token))
        if DIGIT_WORD_RE.match(token):
            keys.add(DIGIT_ANCHOR)
        words = learned.tokens(token)
        numbers = self.model.word_numbers(words) if self.model else ()
        scores = self.model.token_score(words) if self.model else 0
        found = Token(self.index.anchored(keys), self.index.touched(keys), numbers, scores)
        if len(self.cache) < self.LIMIT:
            self.cache[token] = found
        return found

    def look_up(self, folded: str) -> list[Token]:
        cache, build = self.cache, self.build
        return [cache[token] if token in cache else build(token) for token in folded.split()]


ALL_RULES = load_rules()
CONTEXT = ctx_mod.load_context()
# One index over every rule, crisis rules first so one candidate pass serves both steps.
INDEX = RuleIndex(sorted(ALL_RULES, key=lambda rule: rule.kind != "crisis"))
COACH_INDEX = RuleIndex(rule for rule in ALL_RULES if rule.kind == "coach")  # for tests
CRISIS_INDEX = RuleIndex(rule for rule in ALL_RULES if rule.kind == "crisis")  # for tests
FINDER = LiteralFinder(INDEX.literals())
MODEL = learned.load_model()
LEARNED_TEXTS = learned.load_texts()
TOKENS = TokenCache(FINDER, INDEX, MODEL)


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


def normalise(text: str) -> str:
    """Straight apostrophes and lowercase, keeping every character at its offset."""
    return lower_same_length(text.translate(APOSTROPHES))


def prefilter(text: str) -> tuple[set[str] | None, str]:
    """Casefold once and collect the rule literals present in it; keys=None turns it off.

    Casefolding that changes the length (German sharp s, dotted capital I) could hide a literal
    from the check, so such rare messages simply run every rule.
    """
    folded = text.casefold()
    if len(folded) != len(text):
        return None, folded
    return FINDER.present(folded), folded


def analyse(text: str) -> tuple[list[tuple[Rule, Branch]], set[str]]:
    """The rule branches worth running on a normalised text, and the learned heads that fire."""
    folded = text.casefold()
    if len(folded) != len(text):  # see prefilter(): such rare messages run every rule
        return INDEX.entries, MODEL.fired_for_text(folded) if MODEL else set()
    tokens = TOKENS.look_up(folded)
    candidates = INDEX.select(
        reduce(or_, map(ANCHORED, tokens), 0), reduce(or_, map(TOUCHED, tokens), 0)
    )
    if MODEL is None:
        return candidates, set()
    numbers = list(chain.from_iterable(map(NUMBERS, tokens)))
    return candidates, MODEL.fired(numbers, map(SCORES, tokens))


def set_aside(text: str, rule: Rule, match: re.Match[str]) -> tuple[int, int] | None:
    """None when a crisis match still signals risk about the writer; otherwise the stretch of
    text its context judged: the idiom, the denied clause, or the sentence (a rule's own
    'unless' or 'requires', or a sentence about someone else)."""
    start, end = match.span()
    if not sentence_allows(rule, text, match):
        return ctx_mod.sentence_span(text, start, end)
    if ctx_mod.in_idiom(CONTEXT, text, start, end):
        return start, end
    if ctx_mod.is_negated(CONTEXT, text, start):
        return ctx_mod.clause_span(text, start, end)
    if ctx_mod.is_about_someone_else(CONTEXT, text, start, end):
        return ctx_mod.sentence_span(text, start, end)
    return None


def assess_crisis(
    text: str, candidates: list[tuple[Rule, Branch]]
) -> tuple[str, list[tuple[int, int]]]:
    """The highest level among crisis matches that survive their context, and the stretches
    of text where the context set a match aside or lowered it (see set_aside; a past lowers
    the whole sentence)."""
    level, weighed = "none", []
    for rule, branch in candidates:
        if rule.kind != "crisis" or LEVEL_ORDER[rule.tag] <= LEVEL_ORDER[level]:
            continue
        if branch.scan is not None and branch.scan.search(text) is None:
            continue
        for match in matches(branch, text):
            judged = set_aside(text, rule, match)
            if judged is not None:
                weighed.append(judged)
                continue
            state = ctx_mod.past_state(CONTEXT, text, match.start(), match.end())
            found = _after_past_check(rule, state)
            if found != rule.tag:
                weighed.append(ctx_mod.sentence_span(text, *match.span()))
            if LEVEL_ORDER[found] > LEVEL_ORDER[level]:
                level = found
            if level == "urgent":
                return level, weighed
    if level == "concern" and ctx_mod.says_it_is_imminent(CONTEXT, text):
        return "urgent", weighed  # concern plus "I'm doing it tonight": when in doubt, higher
    return level, weighed


def _after_past_check(rule: Rule, state: str) -> str:
    # A recovered past is no present risk. A past with no word on recovery drops one level:
    # a past attempt still deserves resources (concern), a past habit alone raises nothing.
    # A rule may say otherwise (past_level): a faint years ago is no emergency now.
    if state == "recovered":
        return "none"
    if state == "past":
        if rule.past_level is not None:
            return rule.past_level
        return "concern" if rule.tag == "urgent" else "none"
    return rule.tag


def matches(branch: Branch, text: str) -> list[re.Match[str]]:
    """Like finditer, but lets the branch's scan pattern skip to where a match could start."""
    if branch.scan is None:
        return list(branch.regex.finditer(text))
    scan, regex = branch.scan.search, branch.regex.match
    found: list[re.Match[str]] = []
    position = 0
    while (candidate := scan(text, position)) is not None:
        start = candidate.start()
        match = regex(text, start)
        if match is None:
            position = start + 1
            continue
        found.append(match)  # finditer never reports overlapping matches; neither do we
        position = max(match.end(), start + 1)
    return found


def _rule_flags(text: str, rule: Rule, branch: Branch) -> Iterable[Flag]:
    for match in matches(branch, text):
        if not sentence_allows(rule, text, match):
            continue
        start, end = _hit_span(match)
        if start < end:
            yield Flag(rule.tag, start, end, rule.explanation, rule.suggestion, rule.id)


def _hit_span(match: re.Match[str]) -> tuple[int, int]:
    # A rule may mark the exact words to highlight with a group named "hit" (or "hit2",
    # "hit3"... when several alternatives each mark their own: names must differ).
    for name in match.re.groupindex:
        if name.startswith("hit") and match.group(name) is not None:
            return match.span(name)
    return match.span()


def sentence_allows(rule: Rule, text: str, match: re.Match[str]) -> bool:
    """A rule's 'unless' must be absent from, and its 'requires' present in, the sentence."""
    if rule.unless is None and rule.requires is None:
        return True
    start, end = ctx_mod.sentence_span(text, *match.span())
    if rule.unless is not None and rule.unless.search(text, start, end):
        return False
    return rule.requires is None or rule.requires.search(text, start, end) is not None


def _topic_flags(text: str, avoid_topics: tuple[str, ...]) -> Iterable[Flag]:
    pattern = topics.topic_pattern(avoid_topics)
    if pattern is None:
        return
    for match in pattern.finditer(text):
        topic = avoid_topics[int(match.lastgroup[1:])]
        explanation = topics.EXPLANATION.replace("{topic}", topic)
        yield Flag("avoid_topic", *match.span(), explanation, topics.SUGGESTION, "avoid_topic")


def learned_crisis(text: str, fired: set[str], weighed: list[tuple[int, int]]) -> str:
    """The learned model's crisis level. Words the context checks have judged are no evidence
    for it: the stretches where they set aside or lowered a rule match (see set_aside), and any
    idiom ("catch the bus home"). When the model speaks up about a message holding such words,
    it is asked again without them."""
    level = learned.crisis_level(fired)
    if level == "none" or MODEL is None:
        return level
    blanked = ctx_mod.without_idioms(CONTEXT, text)
    if blanked is None and not weighed:
        return level
    blanked = ctx_mod.blank(blanked or text, weighed)
    return learned.crisis_level(MODEL.fired_for_text(blanked.casefold()))


def learned_flags(text: str, fired: set[str], flags: tuple[Flag, ...]) -> tuple[Flag, ...]:
    """Coach flags from the learned model, for categories no rule flagged in this message."""
    missing = fired.difference(learned.CRISIS_HEADS, (flag.category for flag in flags))
    if not missing or MODEL is None:
        return ()
    found = []
    for category in sorted(missing, key=COACH_ORDER.__getitem__):
        start, end, weight = MODEL.trigger(text, category)
        if weight < learned.MIN_TRIGGER_WEIGHT:
            continue
        explanation, suggestion = LEARNED_TEXTS[category]
        found.append(Flag(category, start, end, explanation, suggestion, f"learned.{category}"))
    return tuple(found)


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


def coach(
    text: str, candidates: list[tuple[Rule, Branch]], avoid_topics: tuple[str, ...]
) -> tuple[Flag, ...]:
    """Every coach flag for a mentor message, sorted by start."""
    flags: list[Flag] = []
    for rule, branch in candidates:
        # Most candidates cannot match at all: one quick scan settles that.
        if rule.kind == "coach" and (branch.scan is None or branch.scan.search(text)):
            flags.extend(_rule_flags(text, rule, branch))
    if avoid_topics:
        flags.extend(_topic_flags(text, avoid_topics))
    return _dedupe(flags)


def screen(text: str, role: str, avoid_topics: Sequence[str] | None = None) -> ScreeningResult:
    """Screen one message: a crisis level for any role and coach flags for mentors only.

    Raises ValueError for a non-string, empty or over-long text (limit MAX_TEXT_LENGTH
    characters), an unknown role, or avoid_topics that is not a list of strings.
    """
    topics_tuple = validate(text, role, avoid_topics)
    text = normalise(text)
    candidates, fired = analyse(text)
    crisis, weighed = assess_crisis(text, candidates)
    if crisis != "urgent":
        # The learned second opinion may raise the level the rules found.
        crisis = max(crisis, learned_crisis(text, fired, weighed), key=LEVEL_ORDER.__getitem__)
    if role == "peer":
        return ScreeningResult(crisis=crisis, flags=())  # peers are never coached
    flags = coach(text, candidates, topics_tuple)
    extra = learned_flags(text, fired, flags)
    if extra:
        flags = tuple(sorted(flags + extra, key=lambda flag: (flag.start, flag.end)))
    return ScreeningResult(crisis=crisis, flags=flags)


def rule_fires(rule: Rule, text: str) -> bool:
    """Whether one rule alone matches a text (its 'unless' applied, no context checks)."""
    text = normalise(text)
    return any(sentence_allows(rule, text, match) for match in rule.regex.finditer(text))
