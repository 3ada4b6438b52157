"""Concrete gentler words for some coach flags, so a mentor can take them with one click.

The coach's suggestion is advice; a rewording is the words themselves, offered only where a
few words do the job well (`data/rewordings.toml`). Nothing here changes a message: the
conversation offers the words, and the mentor decides.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from alongside.screening.models import Flag

REWORDINGS_FILE = resources.files("alongside.screening") / "data" / "rewordings.toml"
FIELDS = {"rules", "pattern", "use", "examples"}


class RewordingError(ValueError):
    """The rewordings file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Rewording:
    rules: frozenset[str]
    regex: re.Pattern[str]
    use: str
    examples: tuple[tuple[str, str], ...]

    def apply(self, words: str) -> str | None:
        match = self.regex.match(words)
        if match is None:
            return None
        return matching_case(words, match.expand(self.use) + words[match.end() :])


def matching_case(original: str, new: str) -> str:
    """The new words start capitalised exactly when the flagged words did ("I" stays "I")."""
    if not new or new.startswith(("I ", "I'")):
        return new
    first = new[0].upper() if original[:1].isupper() else new[0].lower()
    return first + new[1:]


def load_rewordings(source: Traversable = REWORDINGS_FILE) -> tuple[Rewording, ...]:
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RewordingError(f"{source.name}: cannot be read ({exc})") from exc
    found = []
    for number, raw in enumerate(data.get("rewording", []), start=1):
        where = f"{source.name}, rewording {number}"
        if set(raw) != FIELDS:
            raise RewordingError(f"{where}: needs exactly {sorted(FIELDS)}, has {sorted(raw)}")
        try:
            regex = re.compile(raw["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise RewordingError(f"{where}: the pattern does not compile ({exc})") from exc
        examples = tuple((str(before), str(after)) for before, after in raw["examples"])
        if not raw["rules"] or not examples:
            raise RewordingError(f"{where}: needs at least one rule and one example")
        found.append(Rewording(frozenset(raw["rules"]), regex, raw["use"], examples))
    return tuple(found)


@cache
def _by_rule() -> dict[str, tuple[Rewording, ...]]:
    table: dict[str, list[Rewording]] = {}
    for rewording in load_rewordings():
        for rule in rewording.rules:
            table.setdefault(rule, []).append(rewording)
    return {rule: tuple(entries) for rule, entries in table.items()}


def rewording_for(flag: Flag, text: str) -> str | None:
    """Gentler words for text[flag.start:flag.end], or None when no rewording fits them."""
    words = text[flag.start : flag.end]
    for rewording in _by_rule().get(flag.rule_id, ()):
        new = rewording.apply(words)
        if new is not None and new != words:
            return new
    return None
