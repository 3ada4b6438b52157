"""Load, validate and compile the screening rules kept as TOML data files.

Rules are data so a coordinator can read and extend them without touching code. Every file is
validated when the engine loads, and a mistake names the file and the rule id.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from alongside.screening.models import COACH_CATEGORIES

RULES_DIR = Path(__file__).with_name("rules")
CONCEPTS_FILE = Path(__file__).with_name("data") / "concepts.toml"
CONCEPT_REF_RE = re.compile(r"\{([a-z][a-z_]*)\}")
# Built-in gaps between two concepts: a few more words in the same sentence (commas allowed).
GAPS = {
    "near": r"[^\w.!?\n]+(?:[\w']+[^\w.!?\n]+){0,6}?",
    "close": r"[^\w.!?\n]+(?:[\w']+[^\w.!?\n]+){0,2}?",
}
CRISIS_RULE_LEVELS = ("concern", "urgent")
REQUIRED_FIELDS = (
    "id",
    "pattern",
    "explanation",
    "suggestion",
    "examples_match",
    "examples_no_match",
)
OPTIONAL_FIELDS = ("category", "level", "unless", "requires", "past_level")
# Verbose mode lets a rule spread over lines with comments; spaces must be written as \s+.
# Matching ignores case by lowercasing both the pattern and the message once, which is several
# times faster than re.IGNORECASE on every rule.
REGEX_FLAGS = re.VERBOSE


class RuleError(ValueError):
    """A rule file is malformed; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    """One compiled rule: a coach rule has a category, a crisis rule has a level."""

    id: str
    kind: str  # "coach" or "crisis"
    tag: str  # the coach category or the crisis level
    regex: re.Pattern[str]
    explanation: str
    suggestion: str
    examples_match: tuple[str, ...]
    examples_no_match: tuple[str, ...]
    unless: re.Pattern[str] | None
    requires: re.Pattern[str] | None
    source: str
    past_level: str | None  # a crisis rule's level when the sentence is about the past
    branches: tuple[Branch, ...]  # the top-level alternatives, each with its own prefilter


@dataclass(frozen=True)
class Branch:
    """One top-level alternative of a rule, compiled alone so the prefilter can skip it."""

    regex: re.Pattern[str]
    anchors: Anchors | None  # literals one of which every match must contain (indexed)
    scan: re.Pattern[str] | None  # finds every place a match could start (see scan_pattern)
    also: tuple[frozenset[str], ...] = ()  # further literal sets every match must touch


def compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    """Compile a rule regex with the house flags, or raise RuleError naming where it came from."""
    try:
        return re.compile(lowercase_pattern(pattern), REGEX_FLAGS)
    except re.error as exc:
        raise RuleError(f"{where}: bad regex ({exc})") from exc


def lowercase_pattern(pattern: str) -> str:
    """Lowercase a regex's literal letters but not its escapes (\\S, \\W, \\B) or (?P<...>)."""
    out: list[str] = []
    escaped = False
    for char in pattern:
        keep = escaped or (char == "P" and out[-2:] == ["(", "?"])
        out.append(char if keep else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


def lower_same_length(text: str) -> str:
    """Lowercase text without changing its length, so match offsets fit the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters grow when lowercased (dotted capital I); keep those as they are.
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)


def _check_fields(raw: dict, where: str) -> None:
    missing = [name for name in REQUIRED_FIELDS if name not in raw]
    if missing:
        raise RuleError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for name in ("id", "pattern", "explanation", "suggestion"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise RuleError(f"{where}: field '{name}' must be a non-empty string")
    for name in ("examples_match", "examples_no_match"):
        value = raw[name]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise RuleError(f"{where}: field '{name}' must be a list of strings")
    if not raw["examples_match"]:
        raise RuleError(f"{where}: 'examples_match' needs at least one example")


def _kind_and_tag(raw: dict, where: str) -> tuple[str, str]:
    has_category, has_level = "category" in raw, "level" in raw
    if has_category == has_level:
        raise RuleError(f"{where}: give exactly one of 'category' (coach) or 'level' (crisis)")
    if has_category:
        if raw["category"] not in COACH_CATEGORIES:
            raise RuleError(
                f"{where}: unknown category '{raw['category']}' "
                f"(expected one of {', '.join(COACH_CATEGORIES)})"
            )
        return "coach", raw["category"]
    if raw["level"] not in CRISIS_RULE_LEVELS:
        raise RuleError(f"{where}: unknown level '{raw['level']}' (expected concern or urgent)")
    return "crisis", raw["level"]


def build_rule(raw: dict, source: str, concepts: dict[str, str] | None = None) -> Rule:
    """Validate one raw TOML table and compile it into a Rule, expanding {concept} names."""
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else "<no id>"
    where = f"{source}, rule '{rule_id}'"
    _check_fields(raw, where)
    kind, tag = _kind_and_tag(raw, where)
    concepts = CONCEPTS if concepts is None else concepts
    raw = {
        **raw,
        **{
            name: expand_concepts(raw[name], concepts, f"{where} ({name})")
            for name in ("pattern", "unless", "requires")
            if isinstance(raw.get(name), str)
        },
    }
    regex = compile_pattern(raw["pattern"], where)
    unless = _optional_pattern(raw, "unless", where)
    requires = _optional_pattern(raw, "requires", where)
    return Rule(
        id=raw["id"],
        kind=kind,
        tag=tag,
        regex=regex,
        explanation=" ".join(raw["explanation"].split()),
        suggestion=" ".join(raw["suggestion"].split()),
        examples_match=tuple(raw["examples_match"]),
        examples_no_match=tuple(raw["examples_no_match"]),
        unless=unless,
        requires=requires,
        source=source,
        past_level=_past_level(raw, kind, where),
        branches=tuple(
            Branch(
                compile_pattern(part, where),
                required_anchors(part),
                scan_pattern(part),
                further_requirements(part),
            )
            for part in split_alternatives(raw["pattern"])
        ),
    )


def _past_level(raw: dict, kind: str, where: str) -> str | None:
    if "past_level" not in raw:
        return None
    if kind != "crisis" or raw["past_level"] not in ("none", "concern"):
        raise RuleError(f"{where}: 'past_level' is for crisis rules: 'none' or 'concern'")
    return raw["past_level"]


def _optional_pattern(raw: dict, name: str, where: str) -> re.Pattern[str] | None:
    if name not in raw:
        return None
    if not isinstance(raw[name], str) or not raw[name].strip():
        raise RuleError(f"{where}: field '{name}' must be a non-empty string")
    return compile_pattern(raw[name], f"{where} ({name})")


def load_concepts(path: Path = CONCEPTS_FILE) -> dict[str, str]:
    """Read data/concepts.toml: each concept is a list of words or phrases (regexes).

    A rule writes {name} to mean "any of these, as whole words"; {near} and {close} stand for a
    gap of up to six or two more words in the same sentence.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: not valid TOML ({exc})") from exc
    table = data.get("concepts")
    if not isinstance(table, dict) or not table:
        raise RuleError(f"{path.name}: expected a [concepts] table")
    concepts: dict[str, str] = {}
    for name, values in table.items():
        where = f"{path.name}, concept '{name}'"
        if not re.fullmatch(r"[a-z][a-z_]*", name) or name in GAPS:
            raise RuleError(f"{where}: names are lowercase words; 'near' and 'close' are taken")
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(value, str) and value.strip() for value in values)
        ):
            raise RuleError(f"{where}: expected a non-empty list of words or phrases")
        if any(CONCEPT_REF_RE.search(value) for value in values):
            raise RuleError(f"{where}: a concept cannot refer to another concept")
        body = "|".join(f"(?:{value.strip()})" for value in values)
        concepts[name] = rf"(?:\b(?:{body})\b)"
        compile_pattern(concepts[name], where)
    return concepts


def expand_concepts(pattern: str, concepts: dict[str, str], where: str) -> str:
    """Replace each {name} in a pattern by its concept's words, or {near}/{close} by a gap."""

    def replace(found: re.Match[str]) -> str:
        name = found.group(1)
        if name in GAPS:
            return GAPS[name]
        if name not in concepts:
            raise RuleError(f"{where}: unknown concept {{{name}}}")
        return concepts[name]

    return CONCEPT_REF_RE.sub(replace, pattern)


CONCEPTS = load_concepts()


def load_rule_file(path: Path) -> list[Rule]:
    """Parse one TOML file of [[rule]] tables."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: not valid TOML ({exc})") from exc
    unknown = sorted(set(data) - {"rule"})
    if unknown:
        raise RuleError(f"{path.name}: unknown top-level key(s) {', '.join(unknown)}")
    tables = data.get("rule", [])
    if not isinstance(tables, list) or not tables:
        raise RuleError(f"{path.name}: expected one or more [[rule]] tables")
    return [build_rule(raw, path.name) for raw in tables]


def load_rules(directory: Path = RULES_DIR) -> list[Rule]:
    """Load every *.toml rule file in a directory, refusing duplicate ids across files."""
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        for rule in load_rule_file(path):
            if rule.id in seen:
                raise RuleError(
                    f"{path.name}, rule '{rule.id}': duplicate id (already used in {seen[rule.id]})"
                )
            seen[rule.id] = path.name
            rules.append(rule)
    if not rules:
        raise RuleError(f"{directory}: no rule files found")
    return rules


# --- prefilter anchors -------------------------------------------------------------------------
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


def _quality(anchors: Anchors) -> tuple[bool, bool, bool, int, int]:
    # Prefer usable anchors, then rare words, then word starts, then long ones, then few.
    shortest = min(len(item) for item in anchors.literals)
    rare = not any(item in COMMON_WORDS or item == DIGIT_ANCHOR for item in anchors.literals)
    return _usable(anchors), rare, anchors.word_start, min(shortest, 6), -len(anchors.literals)


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
