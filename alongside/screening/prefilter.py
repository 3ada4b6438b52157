"""The prefilter: which rule alternatives can possibly match a message, found fast.

Running every rule's regex on every keystroke is too slow, so at load each top-level
alternative of a rule gets literal strings derived from its parsed regex, one of which every
match must contain, and a scan pattern that jumps to where a match could start. Per message the
engine looks each token up once (cached) and runs only the alternatives whose literals are
present. All of it is derived from the rules; coordinators never maintain it. The derivation is
conservative: when unsure it gives up, and an alternative with no usable anchor always runs.
This is the only module that reads the regex parser's internals.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import attrgetter, or_

from alongside.screening.text import REGEX_FLAGS, lowercase_pattern, model_words

WORD_START = "^"  # prefix of a prefilter key meaning "this literal starts a word"
DIGIT_WORD_RE = re.compile(r"\b\d")


@dataclass(frozen=True)
class Branch:
    """One top-level alternative of a rule, compiled alone so the prefilter can skip it."""

    regex: re.Pattern[str]
    anchors: Anchors | None  # literals one of which every match must contain (indexed)
    scan: re.Pattern[str] | None  # finds every place a match could start (see scan_pattern)
    also: tuple[frozenset[str], ...] = ()  # further literal sets every match must touch
    reach: int | None = None  # sentence stops a match may cross (see stop_reach); None: any


def branches(pattern: str, compile_part) -> tuple[Branch, ...]:
    """A rule pattern split at its top-level alternatives, each with its prefilter."""
    return tuple(
        Branch(
            compile_part(part),
            required_anchors(part),
            scan_pattern(part),
            further_requirements(part),
            stop_reach(part),
        )
        for part in split_alternatives(pattern)
    )


# Running ~150 regexes on every keystroke is too slow, so each top-level alternative of a rule
# gets a set of literal strings derived from its regex, one of which every match must contain.
# The engine skips an alternative when none of its literals occurs in the message. Anchors are
# derived automatically, so coordinators never maintain them; an alternative with no usable
# anchor simply always runs. The derivation is conservative: when unsure it gives up.

try:  # Python 3.11 keeps the regex parser here; older names are only aliases.
    from re import _compiler as _sre_compile
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - only reached on other interpreters
    import sre_compile as _sre_compile  # type: ignore[no-redef]
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

ANCHOR_KEY_LENGTH = 3
# The commonest of the common words below: in a large share of all chat messages.
_FUNCTION_WORDS = (
    "you your the and for with that this it its is in of on at to be me my so was are not have "
    "has had do did does don we our she her him his they them then than there all any out "
    "about just what when can like one now some more much really still get got go going been "
    "being"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
DIGIT_ANCHOR = "<digit>"  # stands for "some word starts with a digit"
# Words so common in chat that anchoring on them filters little; another anchor is preferred.
COMMON_WORDS = frozenset(
    {
        "you",
        "your",
        "the",
        "and",
        "can",
        "have",
        "has",
        "had",
        "not",
        "was",
        "this",
        "that",
        "with",
        "for",
        "are",
        "just",
        "what",
        "been",
        "being",
        "get",
        "got",
        "going",
        "want",
        "feel",
        "know",
        "think",
        "time",
        "really",
        "like",
        "all",
        "out",
        "about",
        "when",
        "then",
        "than",
        "there",
        "they",
        "them",
        "she",
        "her",
        "his",
        "him",
        "its",
        "don",
        "did",
        "does",
        "our",
        "any",
        "some",
        "one",
        "so",
        "is",
        "it",
        "to",
        "of",
        "in",
        "on",
        "at",
        "be",
        "do",
        "me",
        "my",
        "we",
        "today",
        "tonight",
        "again",
        "every",
        "day",
        "days",
        "week",
        "night",
        "morning",
        "good",
        "great",
        "well",
        "better",
        "okay",
        "go",
        "keep",
        "call",
        "book",
        "ask",
        "tell",
        "say",
        "said",
        "eat",
        "ate",
        "eating",
        "doing",
        "date",
        "after",
        "before",
        "now",
        "still",
        "more",
        "much",
        "way",
        "make",
        "take",
        "see",
        "over",
        "back",
        "last",
        "next",
        "sure",
        "talk",
        "hope",
        "love",
        "thanks",
        "thank",
    }
)


@dataclass(frozen=True)
class Anchors:
    """Literals one of which every match contains; word_start when each begins a word."""

    literals: frozenset[str]
    word_start: bool


def split_alternatives(pattern: str) -> list[str]:
    """Split a verbose regex at its top-level '|' (outside groups, classes and comments)."""
    parts, current = [], []
    depth, in_class, escaped, in_comment = 0, False, False, False
    class_opened = False  # a ']' straight after '[' or '[^' is a literal, not the end
    for char in pattern:
        just_opened, class_opened = class_opened, False
        if in_comment:
            in_comment = char != "\n"
        elif escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            if just_opened and char == "^":
                class_opened = True
            else:
                in_class = char != "]" or just_opened
        elif char == "[":
            in_class = class_opened = True
        elif char == "#":
            in_comment = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part.strip()] or [pattern]


def required_anchors(pattern: str) -> Anchors | None:
    """Literals (casefolded) one of which every match of the pattern contains, or None."""
    try:
        parsed = _sre_parse.parse(lowercase_pattern(pattern), REGEX_FLAGS)
    except re.error:
        return None
    candidates, _ends = _scan(list(parsed), word_start=False)
    best = _best(candidates)
    if best is None or not _usable(best):
        return None
    return best


def further_requirements(pattern: str) -> tuple[frozenset[str], ...]:
    """Every other usable literal set a match must contain, checked after the indexed one."""
    try:
        parsed = _sre_parse.parse(lowercase_pattern(pattern), REGEX_FLAGS)
    except re.error:
        return ()
    candidates, _ends = _scan(list(parsed), word_start=False)
    best = _best(candidates)
    return tuple(
        candidate.literals
        for candidate in candidates
        if candidate is not best
        and DIGIT_ANCHOR not in candidate.literals
        and min(len(item) for item in candidate.literals) >= 2
    )


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _separator_class(arg) -> bool:
    # A class whose every member is a non-word character: what follows starts a word.
    for kind, value in arg:
        if kind == _sre.CATEGORY:
            if value not in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD):
                return False
        elif kind == _sre.LITERAL:
            if _is_word_char(chr(value)):
                return False
        else:
            return False
    return bool(arg)


def _digit_class(arg) -> bool:
    return bool(arg) and all(
        (kind == _sre.CATEGORY and value == _sre.CATEGORY_DIGIT)
        or (kind == _sre.LITERAL and chr(value).isdigit())
        or (kind == _sre.RANGE and all(chr(v).isdigit() for v in value))
        for kind, value in arg
    )


def _scan(items: list, word_start: bool) -> tuple[list[Anchors], bool]:
    """Candidate anchor sets of a sequence, and whether it ends where a word may start."""
    candidates: list[Anchors] = []
    buffer, buffer_start = "", False
    for op, arg in items:
        if op == _sre.LITERAL and _is_word_char(chr(arg)):
            if not buffer:
                buffer_start = word_start
            buffer += chr(arg).casefold()
            word_start = False
            continue
        if buffer:
            candidates.append(Anchors(frozenset({buffer}), buffer_start))
            buffer = ""
        word_start = _step(op, arg, word_start, candidates)
    if buffer:
        candidates.append(Anchors(frozenset({buffer}), buffer_start))
    return candidates, word_start


def _step(op, arg, word_start: bool, candidates: list[Anchors]) -> bool:
    """Handle one non-literal node; return the word-start state after it."""
    if op == _sre.LITERAL:
        return True  # a space or punctuation character
    if op == _sre.AT:
        if arg in (_sre.AT_BOUNDARY, _sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING):
            return True
        return word_start if arg in (_sre.AT_END, _sre.AT_END_STRING) else False
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return word_start  # lookarounds consume nothing
    if op == _sre.IN:
        if word_start and _digit_class(arg):
            candidates.append(Anchors(frozenset({DIGIT_ANCHOR}), True))
        return _separator_class(arg)
    if op == _sre.SUBPATTERN:
        inner, ends = _scan(list(arg[-1]), word_start)
        candidates.extend(inner)
        return ends
    if op == _sre.BRANCH:
        return _branch(arg[1], word_start, candidates)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, _high, body = arg
        inner, ends = _scan(list(body), word_start)
        if low >= 1:
            candidates.extend(inner)
            return ends
        return ends and word_start
    return False


def _branch(alternatives, word_start: bool, candidates: list[Anchors]) -> bool:
    literals: set[str] = set()
    all_start, all_end, complete = True, True, True
    for alternative in alternatives:
        inner, ends = _scan(list(alternative), word_start)
        all_end = all_end and ends
        best = _best(inner)
        if best is None:
            complete = False
            continue
        literals |= best.literals
        all_start = all_start and best.word_start
    if complete and literals:
        candidates.append(Anchors(frozenset(literals), all_start))
    return all_end


def _usable(anchors: Anchors) -> bool:
    shortest = min(len(item) for item in anchors.literals)
    if DIGIT_ANCHOR in anchors.literals:
        return anchors.word_start and len(anchors.literals) == 1
    return shortest >= (2 if anchors.word_start else ANCHOR_KEY_LENGTH)


def _best(candidates: list[Anchors]) -> Anchors | None:
    if not candidates:
        return None
    return max(candidates, key=_quality)


def _quality(anchors: Anchors) -> tuple[bool, int, bool, int, int]:
    # Prefer usable anchors, then the set a message is least likely to hold (a function word
    # such as "for" is in more messages than a dozen verbs together), then word starts, then
    # long ones, then few.
    shortest = min(len(item) for item in anchors.literals)
    cost = sum(map(_frequency, anchors.literals))
    return _usable(anchors), -cost, anchors.word_start, min(shortest, 6), -len(anchors.literals)


def _frequency(literal: str) -> int:
    """A rough share of chat messages holding the literal, in arbitrary units."""
    if literal in FUNCTION_WORDS or literal == DIGIT_ANCHOR:
        return 50
    return 5 if literal in COMMON_WORDS else 1


def scan_pattern(pattern: str) -> re.Pattern[str] | None:
    """A quick pattern that finds every place where a match of `pattern` could start.

    Python's regex engine skips ahead fast only when a pattern starts with known characters; a
    leading \\b or an optional group hides them, so the engine would try every position. Two
    ways out, tried in order: the pattern without the zero-width checks it starts with (it
    matches wherever the rule could, and more), or an alternation of the literals every match
    starts with. None means neither helps and the rule runs as it is.
    """
    parsed = _sre_parse.parse(lowercase_pattern(pattern), REGEX_FLAGS)
    if parsed.data and parsed.data[0] == (_sre.AT, _sre.AT_BEGINNING):
        return None  # the engine already tries such a pattern at the start only
    _strip_leading_checks(parsed)
    if parsed.data and _fast_start(parsed.data):
        return _sre_compile.compile(parsed, REGEX_FLAGS)
    leads = leading_literals(pattern)
    if leads:
        ordered = sorted(leads, key=lambda lead: (-len(lead), lead))
        return re.compile("|".join(re.escape(lead) for lead in ordered))
    return None


def _strip_leading_checks(parsed) -> None:
    data = parsed.data
    while data and data[0][0] in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        del data[0]
    if not data:
        return
    op, arg = data[0]
    if op == _sre.SUBPATTERN:
        _strip_leading_checks(arg[-1])
    elif op == _sre.BRANCH:
        for alternative in arg[1]:
            _strip_leading_checks(alternative)


def _fast_start(items) -> bool:
    """Whether the regex engine can find the start of these items by their first character
    (a literal, a character class, or alternatives that each start with a literal)."""
    while items and items[0][0] == _sre.SUBPATTERN:
        items = items[0][1][-1].data
    if not items:
        return False
    op, arg = items[0]
    if op in (_sre.LITERAL, _sre.IN):
        return True
    if op == _sre.BRANCH:
        return all(
            alternative.data and alternative.data[0][0] == _sre.LITERAL for alternative in arg[1]
        )
    return False


MIN_LEAD_LENGTH = 3
MAX_EXTENDED_LEAD = 3  # only short runs are worth extending
MAX_LEADS = 40


def leading_literals(pattern: str) -> frozenset[str] | None:
    """Literals one of which every match starts with, so matching can jump straight there."""
    try:
        parsed = _sre_parse.parse(lowercase_pattern(pattern), REGEX_FLAGS)
    except re.error:
        return None
    leads = _leads(list(parsed))
    if not leads or min(len(lead) for lead in leads) < MIN_LEAD_LENGTH:
        return None
    return frozenset(leads)


def _leads(items: list) -> set[str] | None:
    index = 0
    while index < len(items) and items[index][0] in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        index += 1  # zero-width checks at the start do not move the match start
    if index == len(items):
        return None
    op, arg = items[index]
    if op == _sre.LITERAL:
        run = ""
        while index < len(items) and items[index][0] == _sre.LITERAL:
            run += chr(items[index][1])
            index += 1
        # The parser folds "die|died|dying" into "d" + a branch: extend the run with what
        # every match continues with, so matching does not jump to every single letter.
        if len(run) < MAX_EXTENDED_LEAD and index < len(items):
            following = _leads(items[index:])
            if following and len(following) <= MAX_LEADS:
                return {run + lead for lead in following}
        return {run}
    if op == _sre.SUBPATTERN:
        return _leads(list(arg[-1]))
    if op == _sre.BRANCH:
        found: set[str] = set()
        for alternative in arg[1]:
            inner = _leads(list(alternative))
            if not inner:
                return None
            found |= inner
        return found
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and arg[0] >= 1:
        return _leads(list(arg[2]))
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
        # An optional start ("(?:so\s+)?foggy"): a match begins with the optional part or,
        # when it is skipped, with whatever follows it.
        inner, rest = _leads(list(arg[2])), _leads(items[index + 1 :])
        if not inner or not rest:
            return None
        return inner | rest
    return None


# Sentence stops: a match that cannot cross one lies inside a stretch of text between them.
STOPS = ".!?"
MAX_REACH = 4  # beyond this many stops, a window would hold most of a message anyway


def stop_reach(pattern: str) -> int | None:
    """How many sentence stops ('.', '!', '?') a match and its lookaheads can take in, at most.

    A match holds one of its anchor literals, so when it cannot cross more than this many
    stops it lies in the few sentences around an anchor, and the engine searches only there
    (see Windows). None when the pattern could take in any number of stops, tests for
    the end of the text (a window's end would pass for it), refers back to a group, or when
    the parser cannot say.
    """
    try:
        parsed = _sre_parse.parse(lowercase_pattern(pattern), REGEX_FLAGS)
        consumed, looked = _stops_taken(parsed.data)
    except (re.error, _Unbounded):
        return None
    reach = consumed + looked
    return reach if reach <= MAX_REACH else None


class _Unbounded(Exception):
    """The pattern can take in any number of sentence stops, or a window cannot hold it."""


def _class_takes_stop(items) -> bool:
    probe = _sre_compile.compile(_sre_parse.SubPattern(_sre_parse.State(), [(_sre.IN, items)]))
    return any(probe.match(stop) for stop in STOPS)


def _stops_taken(items) -> tuple[int, int]:
    """(stops a sequence can consume, stops its lookaheads can look at), at most."""
    consumed, looked = 0, 0
    for op, arg in items:
        if op == _sre.LITERAL:
            consumed += chr(arg) in STOPS
        elif op == _sre.IN:
            consumed += _class_takes_stop(arg)
        elif op in (_sre.ANY, _sre.NOT_LITERAL):
            consumed += 1
        elif op == _sre.AT:
            if arg in (_sre.AT_END, _sre.AT_END_STRING):
                raise _Unbounded
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            direction, inner = arg
            inner_consumed, inner_looked = _stops_taken(inner.data)
            if direction == 1:  # a lookahead may look past the match's end
                looked = max(looked, inner_consumed + inner_looked)
        elif op == _sre.SUBPATTERN:
            inner_consumed, inner_looked = _stops_taken(arg[-1].data)
            consumed, looked = consumed + inner_consumed, max(looked, inner_looked)
        elif op == _sre.ATOMIC_GROUP:
            inner_consumed, inner_looked = _stops_taken(arg.data)
            consumed, looked = consumed + inner_consumed, max(looked, inner_looked)
        elif op == _sre.BRANCH:
            taken = [_stops_taken(alternative.data) for alternative in arg[1]]
            consumed += max(found for found, _ in taken)
            looked = max(looked, *(seen for _, seen in taken))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            _low, high, inner = arg
            inner_consumed, inner_looked = _stops_taken(inner.data)
            if inner_consumed and high == _sre.MAXREPEAT:
                raise _Unbounded
            consumed, looked = consumed + inner_consumed * high, max(looked, inner_looked)
        else:
            raise _Unbounded  # a back-reference, a conditional: do not guess
        if consumed > MAX_REACH:
            raise _Unbounded
    return consumed, looked


STOP_RE = re.compile(f"[{re.escape(STOPS)}]")
MAX_WINDOW_LITERALS = 12  # more anchors than this: finding their sentences costs more than it saves
DIGIT_RE = re.compile(r"\d")


class Windows:
    """Where in one message each rule alternative can match.

    A match holds one of its alternative's anchor literals and crosses at most `reach`
    sentence stops ('.', '!', '?'), so it lies within `reach` sentences of a sentence holding
    an anchor; an alternative that crosses none and needs further literals besides its anchor
    can only match in a sentence holding all of them (RuleIndex.select_by_sentence records
    those). Only there is it searched, with a search's start and end positions (lookbehinds
    still see the whole text), which finds exactly what a search of the whole message finds,
    at the cost of a sentence or two instead of the whole post. A sentence runs from just after
    one stop to the next. Alternatives that may cross any number of stops, and every
    alternative of a short message, are searched in the whole text.
    """

    __slots__ = ("length", "folded", "stops", "sentences", "places")

    def __init__(self, length: int, folded: str | None = None) -> None:
        # folded: the casefolded text, offsets unchanged; None searches everything everywhere
        self.length, self.folded = length, folded
        self.stops = [stop.start() for stop in STOP_RE.finditer(folded)] if folded else []
        self.sentences: dict[int, list[tuple[int, int]]] = {}  # id(branch) -> its windows
        self.places: dict[str, tuple[int, ...]] = {}  # literal -> the sentences holding it

    def of(self, branch: Branch) -> list[tuple[int, int]]:
        """The stretches (start, end) of the message where this alternative could match."""
        found = self.sentences.get(id(branch))
        if found is not None:
            return found
        anchors, reach = branch.anchors, branch.reach
        if (
            self.folded is None
            or reach is None
            or anchors is None
            or len(anchors.literals) > MAX_WINDOW_LITERALS
        ):
            return [(0, self.length)]
        numbers: set[int] = set()
        for literal in anchors.literals:
            held = self.places.get(literal)
            if held is None:
                held = self.places[literal] = self._sentences_holding(literal)
            numbers.update(held)
        if not numbers:
            return [(0, self.length)]  # the prefilter saw an anchor this search does not
        return self.spans(numbers, reach)

    def spans(self, numbers: Iterable[int], reach: int = 0) -> list[tuple[int, int]]:
        """Windows over these sentences, each widened by `reach` sentences on either side;
        windows that meet are merged into one search."""
        stops, found = self.stops, []
        last = len(stops)
        for number in sorted(numbers):
            first, final = max(number - reach, 0), min(number + reach, last)
            start = stops[first - 1] + 1 if first else 0
            end = stops[final] if final < last else self.length
            if found and start <= found[-1][1] + 1:
                found[-1] = (found[-1][0], end)
            else:
                found.append((start, end))
        return found

    def _sentences_holding(self, literal: str) -> tuple[int, ...]:
        """The numbers of the sentences a literal occurs in (sentence n follows n stops)."""
        folded, stops = self.folded, self.stops
        if literal == DIGIT_ANCHOR:
            return tuple({bisect_left(stops, digit.start()) for digit in DIGIT_RE.finditer(folded)})
        found = []
        place = folded.find(literal)
        while place >= 0:
            number = bisect_left(stops, place)
            found.append(number)
            if number == len(stops):
                break
            place = folded.find(literal, stops[number] + 1)
        return tuple(found)


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


class RuleIndex:
    """Rule branches indexed by their anchor literals, so each message runs only the few that
    can match.

    A branch is a candidate when one of its anchor literals occurs in the message and every
    further literal group it needs is touched too. Every check can only let extra branches
    through, never drop one that would match.
    """

    def __init__(self, rules: Iterable) -> None:
        self.entries: list[tuple] = []
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
        self.crisis_mask = sum(
            1 << position
            for position, (rule, _branch) in enumerate(self.entries)
            if rule.kind == "crisis"
        )
        # Per position: the mask of groups it needs (0 for none) and its entry.
        self.table = [
            (self.needs.get(position, 0), entry) for position, entry in enumerate(self.entries)
        ]
        # Branches whose matches stay inside one sentence and need more than their anchor: in
        # a long message they are looked for sentence by sentence (select_by_sentence).
        self.position = {id(branch): position for position, (_r, branch) in enumerate(self.entries)}
        self.local_mask = sum(
            1 << position
            for position, (_rule, branch) in enumerate(self.entries)
            if branch.reach == 0 and branch.anchors is not None and position in self.needs
        )

    def _add(self, rule, branch: Branch, anchors: Anchors | None) -> None:
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

    def select(self, anchored: int, touched: int, within: int = -1) -> list[tuple]:
        """The branches to run, in rule-file order, from what a message anchored and touched
        (only those among the positions `within`, a bit mask, when given)."""
        chosen: list[tuple] = []
        table = self.table
        # The set bits, read off the binary digits: with some 1,300 branches, stepping through
        # the big integer bit by bit costs several times more.
        digits = bin((anchored | self.always_mask) & within)
        top = len(digits) - 1
        find, append = digits.find, chosen.append
        found = find("1", 2)
        while found != -1:
            need, entry = table[top - found]
            if need & touched == need:
                append(entry)
            found = find("1", found + 1)
        chosen.reverse()  # highest position first above; rule-file order is lowest first
        return chosen

    def select_by_sentence(self, tokens: list[Token], windows: Windows, within: int = -1) -> list:
        """select() for a long message, where a branch that stays inside one sentence and
        needs more than its anchor must find all it needs in one sentence; the sentences
        where it does are recorded in `windows`, and only those are searched.

        A sentence's tokens run from the one holding the stop before it to the one holding its
        own stop (a token holding several, as "e.g." does, holds the sentences between them
        too), so a match that crosses no stop has its anchor and its further literals among
        the tokens of its own sentence.
        """
        chosen = self.select(
            reduce(or_, map(ANCHORED, tokens), 0), reduce(or_, map(TOUCHED, tokens), 0), within
        )
        local = self.local_mask & sum(1 << self.position[id(branch)] for _r, branch in chosen)
        if not local:
            return chosen
        table = self.table
        sentences: dict[int, list[int]] = {}  # position -> numbers of the sentences it may match
        opened = first = 0  # sentence number n follows the message's n-th stop
        cuts = []  # per sentence: its first and last token, its number and the next one's
        for closer, token in enumerate(tokens):
            if token.stops:
                cuts.append((opened, closer, first, first + token.stops))
                opened, first = closer, first + token.stops
        cuts.append((opened, len(tokens) - 1, first, first + 1))
        for opened, closer, first, following in cuts:
            sentence = tokens[opened : closer + 1]
            remaining = reduce(or_, map(ANCHORED, sentence), 0) & local
            if not remaining:
                continue
            touched = reduce(or_, map(TOUCHED, sentence), 0)
            while remaining:
                lowest = remaining & -remaining
                position = lowest.bit_length() - 1
                need = table[position][0]
                if need & touched == need:
                    sentences.setdefault(position, []).extend(range(first, following))
                remaining ^= lowest
        kept = []
        for entry in chosen:
            position = self.position[id(entry[1])]
            if local >> position & 1:
                if position not in sentences:
                    continue  # all it needs is in the message, but never in one sentence
                windows.sentences[id(entry[1])] = windows.spans(sentences[position])
            kept.append(entry)
        return kept

    def candidates(self, keys: set[str] | None, folded: str) -> list[tuple]:
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
    stops: int  # how many sentence stops ('.', '!', '?') the token holds


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
        words = model_words(token)
        numbers = self.model.word_numbers(words) if self.model else ()
        scores = self.model.token_score(words) if self.model else 0
        stops = sum(map(token.count, STOPS))
        found = Token(self.index.anchored(keys), self.index.touched(keys), numbers, scores, stops)
        if len(self.cache) < self.LIMIT:
            self.cache[token] = found
        return found

    def look_up(self, folded: str) -> list[Token]:
        cache, build = self.cache, self.build
        return [cache[token] if token in cache else build(token) for token in folded.split()]
