"""Load, validate and compile the screening rules kept as TOML data files.

Rules are data so a coordinator can read and extend them without touching code. Every file is
validated when the engine loads, and a mistake names the file and the rule id.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

from alongside.screening.models import COACH_CATEGORIES
from alongside.screening.prefilter import Branch, branches
from alongside.screening.text import REGEX_FLAGS, lowercase_pattern

PACKAGE = resources.files("alongside.screening")
RULES_DIR = PACKAGE / "rules"
CONCEPTS_FILE = PACKAGE / "data" / "concepts.toml"
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
OPTIONAL_FIELDS = (
    "category",
    "level",
    "unless",
    "requires",
    "past_level",
    "at_least",
    "quiet_in_reflection",
    "about",
)


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
    # A crisis rule made of weak cues fires only when this many different alternatives of its
    # pattern match in one message (each cue alone is ordinary; several together are not).
    at_least: int = 1
    # A coach rule that only names a behaviour ("laxatives", "purging") stays silent in a
    # sentence where a mentor gives back what the peer told them: naming it back is listening.
    quiet_in_reflection: bool = False
    # Whose risk a crisis rule's match is: the writer's own ("writer"), or the reader's, for
    # harm a message urges on whoever reads it ("reader": "paracetamol is the easiest way").
    about: str = "writer"


def compile_pattern(pattern: str, where: str) -> re.Pattern[str]:
    """Compile a rule regex with the house flags, or raise RuleError naming where it came from."""
    try:
        return re.compile(lowercase_pattern(pattern), REGEX_FLAGS)
    except re.error as exc:
        raise RuleError(f"{where}: bad regex ({exc})") from exc


def _check_fields(raw: dict, where: str) -> None:
    missing = [name for name in REQUIRED_FIELDS if name not in raw]
    if missing:
        raise RuleError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REQUIRED_FIELDS) - set(OPTIONAL_FIELDS))
    if unknown:
        raise RuleError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for name in ("id", "explanation", "suggestion"):
        if not isinstance(raw[name], str) or not raw[name].strip():
            raise RuleError(f"{where}: field '{name}' must be a non-empty string")
    raw["pattern"] = _alternatives(raw["pattern"], where)
    for name in ("examples_match", "examples_no_match"):
        value = raw[name]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise RuleError(f"{where}: field '{name}' must be a list of strings")
    if not raw["examples_match"]:
        raise RuleError(f"{where}: 'examples_match' needs at least one example")


def _alternatives(value: object, where: str) -> str:
    """A pattern is one regex or a list of them, each one way the situation is put into words;
    a list is read as its entries joined by '|'."""
    if isinstance(value, str) and value.strip():
        return value
    if (
        isinstance(value, list)
        and value
        and all(isinstance(item, str) and item.strip() for item in value)
    ):
        return "\n|\n".join(value)
    raise RuleError(f"{where}: field 'pattern' must be a regex or a list of regexes")


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


def build_rule(raw: dict, source: str, concepts: dict[str, str]) -> Rule:
    """Validate one raw TOML table and compile it into a Rule, expanding {concept} names."""
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else "<no id>"
    where = f"{source}, rule '{rule_id}'"
    _check_fields(raw, where)
    kind, tag = _kind_and_tag(raw, where)
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
        branches=branches(raw["pattern"], lambda part: compile_pattern(part, where)),
        at_least=_at_least(raw, kind, where),
        quiet_in_reflection=_quiet_in_reflection(raw, kind, where),
        about=_about(raw, kind, where),
    )


def _about(raw: dict, kind: str, where: str) -> str:
    if "about" not in raw:
        return "writer"
    if kind != "crisis" or raw["about"] not in ("writer", "reader"):
        raise RuleError(f"{where}: 'about' is for crisis rules: 'writer' or 'reader'")
    return raw["about"]


def _quiet_in_reflection(raw: dict, kind: str, where: str) -> bool:
    if "quiet_in_reflection" not in raw:
        return False
    if kind != "coach" or not isinstance(raw["quiet_in_reflection"], bool):
        raise RuleError(f"{where}: 'quiet_in_reflection' is for coach rules: true or false")
    return raw["quiet_in_reflection"]


def _at_least(raw: dict, kind: str, where: str) -> int:
    if "at_least" not in raw:
        return 1
    value = raw["at_least"]
    if kind != "crisis" or isinstance(value, bool) or not isinstance(value, int) or value < 2:
        raise RuleError(f"{where}: 'at_least' is for crisis rules: a whole number of 2 or more")
    return value


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


def load_concepts(path: Traversable = CONCEPTS_FILE) -> dict[str, str]:
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


def load_rule_file(path: Traversable, concepts: dict[str, str]) -> list[Rule]:
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
    return [build_rule(dict(raw), path.name, concepts) for raw in tables]


def load_rules(
    directory: Traversable = RULES_DIR, concepts: dict[str, str] | None = None
) -> list[Rule]:
    """Load every *.toml rule file in a directory, refusing duplicate ids across files."""
    concepts = load_concepts() if concepts is None else concepts
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    files = sorted(
        (path for path in directory.iterdir() if path.name.endswith(".toml")),
        key=lambda path: path.name,
    )
    for path in files:
        for rule in load_rule_file(path, concepts):
            if rule.id in seen:
                raise RuleError(
                    f"{path.name}, rule '{rule.id}': duplicate id (already used in {seen[rule.id]})"
                )
            seen[rule.id] = path.name
            rules.append(rule)
    if not rules:
        raise RuleError(f"{directory}: no rule files found")
    return rules
