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
CRISIS_RULE_LEVELS = ("concern", "urgent")
REQUIRED_FIELDS = (
    "id",
    "pattern",
    "explanation",
    "suggestion",
    "examples_match",
    "examples_no_match",
)
OPTIONAL_FIELDS = ("category", "level", "unless")
# Verbose mode lets a rule spread over lines with comments; spaces must be written as \s+.
REGEX_FLAGS = re.IGNORECASE | re.VERBOSE


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
    source: str
    anchors: frozenset[str] | None  # word starts one of which every match must contain


def compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    """Compile a rule regex with the house flags, or raise RuleError naming where it came from."""
    try:
        return re.compile(pattern, REGEX_FLAGS)
    except re.error as exc:
        raise RuleError(f"{where}: bad regex ({exc})") from exc


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


def build_rule(raw: dict, source: str) -> Rule:
    """Validate one raw TOML table and compile it into a Rule."""
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else "<no id>"
    where = f"{source}, rule '{rule_id}'"
    _check_fields(raw, where)
    kind, tag = _kind_and_tag(raw, where)
    regex = compile_pattern(raw["pattern"], where)
    unless = None
    if "unless" in raw:
        if not isinstance(raw["unless"], str) or not raw["unless"].strip():
            raise RuleError(f"{where}: field 'unless' must be a non-empty string")
        unless = compile_pattern(raw["unless"], where + " (unless)")
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
        source=source,
        anchors=required_anchors(raw["pattern"]),
    )


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
# Running ~150 regexes on every keystroke is too slow, so each rule gets a set of literal word
# starts derived from its regex: if none of them begins a word of the message, the rule cannot
# match and is skipped. Anchors are derived automatically, so coordinators never maintain them;
# a rule whose regex gives no usable anchor simply always runs.

try:  # Python 3.11 keeps the regex parser here; older names are only aliases.
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - only reached on other interpreters
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

ANCHOR_KEY_LENGTH = 3


def required_anchors(pattern: str) -> frozenset[str] | None:
    """Return lowercase word-start literals one of which every match contains, or None."""
    try:
        parsed = _sre_parse.parse(pattern, REGEX_FLAGS)
    except re.error:
        return None
    found = _sequence_anchors(list(parsed), word_start=False)
    if found is None or min(len(item) for item in found) < ANCHOR_KEY_LENGTH:
        return None
    return frozenset(found)


def _is_space_class(op, arg) -> bool:
    # True for \s, a space, or a class of spaces and punctuation: what follows starts a word.
    if op == _sre.IN:
        return bool(arg) and all(
            (kind == _sre.CATEGORY and value == _sre.CATEGORY_SPACE)
            or (kind == _sre.LITERAL and _separates_words(chr(value)))
            for kind, value in arg
        )
    return op == _sre.LITERAL and chr(arg).isspace()


def _separates_words(char: str) -> bool:
    return char.isspace() or (not char.isalnum() and char not in "_'\u2019")


def _best(candidates: list[set[str]]) -> set[str] | None:
    if not candidates:
        return None
    return max(candidates, key=lambda group: (min(len(item) for item in group), -len(group)))


def _sequence_anchors(items: list, word_start: bool) -> set[str] | None:
    candidates: list[set[str]] = []
    buffer, buffer_ok = "", False

    def flush() -> None:
        nonlocal buffer
        if buffer and buffer_ok:
            candidates.append({buffer})
        buffer = ""

    for op, arg in items:
        if op == _sre.LITERAL and not chr(arg).isspace():
            if not buffer:
                buffer_ok = word_start
            buffer += chr(arg).lower()
            word_start = False
            continue
        flush()
        if (op == _sre.AT and arg == _sre.AT_BOUNDARY) or _is_space_class(op, arg):
            word_start = True
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            low, _high, body = arg
            body_items = list(body)
            if len(body_items) == 1 and _is_space_class(*body_items[0]) and low >= 1:
                word_start = True
                continue
            if low >= 1:
                inner = _sequence_anchors(body_items, word_start)
                if inner:
                    candidates.append(inner)
            word_start = False
        elif op == _sre.SUBPATTERN:
            inner = _sequence_anchors(list(arg[-1]), word_start)
            if inner:
                candidates.append(inner)
            word_start = False
        elif op == _sre.BRANCH:
            union: set[str] = set()
            for branch in arg[1]:
                inner = _sequence_anchors(list(branch), word_start)
                if inner is None:
                    union = set()
                    break
                union |= inner
            else:
                candidates.append(union)
            word_start = False
        elif op == _sre.IN:
            letters = _single_letters(arg)
            if letters and word_start:
                candidates.append(letters)  # a one-letter class like [’'] is rare; kept simple
            word_start = False
        else:
            word_start = False
    flush()
    return _best(candidates)


def _single_letters(arg) -> set[str] | None:
    # A character class is only useful as an anchor when it lists plain letters.
    letters = set()
    for kind, value in arg:
        if kind != _sre.LITERAL:
            return None
        letters.add(chr(value).lower())
    return letters or None
