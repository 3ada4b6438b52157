"""Context mechanisms that decide whether a crisis-rule match really signals risk.

A match is dismissed when it sits inside an idiom ("dying to try that cafe"), is negated just
before it in the same clause ("I would never hurt myself"), is about someone else ("my friend
fainted"), or describes a past the writer has recovered from. The word lists live in
data/context.toml so they can be extended without code changes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable

from alongside.screening.prefilter import required_anchors
from alongside.screening.rules import PACKAGE, RuleError, compile_pattern
from alongside.screening.text import (
    blank,
    clause_span,
    clause_start,
    sentence_span,
    sentence_start,
    words,
)

CONTEXT_FILE = PACKAGE / "data" / "context.toml"
SECTIONS = {
    "idioms": ("patterns",),
    "negation": (
        "window_words",
        "cues",
        "not_negating",
        "not_yet",
        "not_denied_after",
        "past_denial",
        "past_denial_when",
    ),
    "third_party": (
        "others",
        "self",
        "owned_after",
        "speech",
        "reflected",
        "not_reflected",
        "echoed",
        "checked",
    ),
    "past": ("markers", "recovery", "still_present", "present_in_clause"),
    "escalation": ("imminent",),
}
IDIOM_WINDOW = 80  # characters either side of a match searched for an idiom
DENIAL_REACH = 120  # characters after a denied match searched for a near miss
__all__ = ["blank", "clause_span", "sentence_span"]  # shared helpers, re-exported for callers


class AnchoredPatterns:
    """A list of patterns (the idioms), each looked for only where one of its anchor words
    occurs.

    Some seventy idioms in one alternation cost about half a microsecond a character, tried at
    every position; most texts hold the anchors of only a few of them."""

    def __init__(self, entries: list[str], where: str) -> None:
        self.always: list[re.Pattern[str]] = []
        self.anchored: list[tuple[frozenset[str], re.Pattern[str]]] = []
        for entry in entries:
            compiled = compile_pattern(entry, where)
            anchors = required_anchors(entry)
            if anchors is None:
                self.always.append(compiled)
            else:
                self.anchored.append((anchors.literals, compiled))

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """Every match inside text[start:end], pattern by pattern (not in text order)."""
        end = len(text) if end is None else end
        found = []
        for compiled in self._present(text[start:end]):
            found.extend(compiled.finditer(text, start, end))
        return found

    def _present(self, text: str) -> list[re.Pattern[str]]:
        folded = text.casefold()
        chosen = [compiled for literals, compiled in self.anchored if _holds(folded, literals)]
        return chosen + self.always


def _holds(folded: str, literals: frozenset[str]) -> bool:
    return any(literal in folded for literal in literals)


@dataclass(frozen=True)
class Context:
    """Compiled context patterns."""

    idioms: AnchoredPatterns
    negation_window: int
    negation_cues: re.Pattern[str]
    not_negating: re.Pattern[str]
    not_yet: re.Pattern[str]
    not_denied_after: re.Pattern[str]
    past_denial: re.Pattern[str]
    past_denial_when: re.Pattern[str]
    others: re.Pattern[str]
    self_words: re.Pattern[str]
    owned_after: re.Pattern[str]
    speech: re.Pattern[str]
    reflected: re.Pattern[str]
    not_reflected: re.Pattern[str]
    echoed: re.Pattern[str]
    checked: re.Pattern[str]
    past: re.Pattern[str]
    recovery: re.Pattern[str]
    still_present: re.Pattern[str]
    present_in_clause: re.Pattern[str]
    imminent: re.Pattern[str]


def _join(values: object, where: str) -> str:
    if isinstance(values, str):
        return values
    if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
        raise RuleError(f"{where}: expected a regex or a non-empty list of regexes")
    return "|".join(f"(?:{value})" for value in values)


def load_context(path: Traversable = CONTEXT_FILE) -> Context:
    """Read and compile data/context.toml, failing loudly on a missing section or bad regex."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{path.name}: not valid TOML ({exc})") from exc
    for section, keys in SECTIONS.items():
        for key in keys:
            if key not in data.get(section, {}):
                raise RuleError(f"{path.name}: missing '{section}.{key}'")

    def pattern(section: str, key: str) -> re.Pattern[str]:
        where = f"{path.name}, '{section}.{key}'"
        return compile_pattern(_join(data[section][key], where), where)

    def anchored(section: str, key: str) -> AnchoredPatterns:
        where = f"{path.name}, '{section}.{key}'"
        entries = data[section][key]
        _join(entries, where)  # the same checks as every other list
        return AnchoredPatterns([entries] if isinstance(entries, str) else entries, where)

    window = data["negation"]["window_words"]
    if not isinstance(window, int) or not 1 <= window <= 10:
        raise RuleError(f"{path.name}: 'negation.window_words' must be an integer from 1 to 10")
    return Context(
        idioms=anchored("idioms", "patterns"),
        negation_window=window,
        negation_cues=pattern("negation", "cues"),
        not_negating=pattern("negation", "not_negating"),
        not_yet=pattern("negation", "not_yet"),
        not_denied_after=pattern("negation", "not_denied_after"),
        past_denial=pattern("negation", "past_denial"),
        past_denial_when=pattern("negation", "past_denial_when"),
        others=pattern("third_party", "others"),
        self_words=pattern("third_party", "self"),
        owned_after=pattern("third_party", "owned_after"),
        speech=pattern("third_party", "speech"),
        reflected=pattern("third_party", "reflected"),
        not_reflected=pattern("third_party", "not_reflected"),
        echoed=pattern("third_party", "echoed"),
        checked=pattern("third_party", "checked"),
        past=pattern("past", "markers"),
        recovery=pattern("past", "recovery"),
        still_present=pattern("past", "still_present"),
        present_in_clause=pattern("past", "present_in_clause"),
        imminent=pattern("escalation", "imminent"),
    )


def in_idiom(ctx: Context, text: str, start: int, end: int) -> bool:
    """True when the match overlaps an idiom such as 'dying to see' or 'laughed so hard I died'.

    Idioms are looked for in a window around the match rather than its sentence, so one that
    runs across a pause ("I want to die... of embarrassment") still counts."""
    window_start, window_end = max(0, start - IDIOM_WINDOW), min(len(text), end + IDIOM_WINDOW)
    for idiom in ctx.idioms.finditer(text, window_start, window_end):
        if idiom.start() < end and start < idiom.end():
            return True
    return False


def without_idioms(ctx: Context, text: str) -> str | None:
    """The text with every idiom blanked out, or None when it holds no idiom."""
    found = [match.span() for match in ctx.idioms.finditer(text)]
    return blank(text, found) if found else None


def is_negated(ctx: Context, text: str, start: int, end: int | None = None) -> bool:
    """True when a negation cue sits within a few words before the match, in the same clause,
    and the clause does not go on to say "yet" ("I haven't ended my life just yet")."""
    before = words(text[clause_start(text, start) : start])[-ctx.negation_window :]
    window = " ".join(before)
    # "can't stop", "not okay", "not gonna lie" look like negations but do not deny the risk.
    window = ctx.not_negating.sub(" ", window)
    if ctx.negation_cues.search(window) is None:
        return False
    if end is not None:
        after = text[end : clause_span(text, end, end)[1]]
        if ctx.not_yet.match(after):
            return False  # a denial with "yet" says it has not happened so far, not never
        following = text[end : end + DENIAL_REACH]
        if ctx.not_denied_after.match(following):
            return False  # "I didn't do it. I came so close": a near miss, not a denial
        if ctx.past_denial.search(window) and ctx.past_denial_when.match(after):
            return False  # "I didn't kill myself last night": that night, not never
    return True


QUOTES = '"\u201c\u201d'
QUOTE_REACH = 200  # characters back from a match searched for the quote it sits in
SPEAKER_REACH = 80  # characters before that quote searched for who said it


def _is_quote(text: str, i: int) -> bool:
    """A double quote, or a single one where it opens or closes a quotation: against a word on
    one side only ('kms'), never inside a word (don't, it's)."""
    char = text[i]
    if char in QUOTES:
        return True
    if char != "'":
        return False
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isalnum() and after.isalnum()) and (before.isalnum() or after.isalnum())


def in_reported_speech(ctx: Context, text: str, start: int) -> bool:
    """True when the match sits inside a quotation someone else is said to have spoken:
    'my mum said "I want to die" about her haircut'. The words are theirs, not the writer's."""
    window_start = max(0, start - QUOTE_REACH)
    opening = [i for i in range(window_start, start) if _is_quote(text, i)]
    if len(opening) % 2 == 0:
        return False  # not inside a quotation
    before = text[max(0, opening[-1] - SPEAKER_REACH) : opening[-1]]
    speech = ctx.speech.search(before)
    if speech is None:
        return False
    speaker = before[sentence_start(before, speech.start()) : speech.start()]
    last_other = max((found.end() for found in ctx.others.finditer(speaker)), default=-1)
    last_self = max((found.end() for found in ctx.self_words.finditer(speaker)), default=-1)
    return last_other > last_self


def is_about_someone_else(ctx: Context, text: str, start: int, end: int) -> bool:
    """True when the nearest subject before the match, in its sentence, is another person,
    or the match is inside words someone else is quoted as saying."""
    if in_reported_speech(ctx, text, start):
        return True
    if ctx.self_words.search(text, start, end) or text.endswith("my ", 0, start):
        return False  # "kill myself", "my laxatives": first person whoever else is mentioned
    if ctx.owned_after.match(text, end):
        return False  # "found the laxatives in my drawer": the writer's, whoever found them
    begin = sentence_start(text, start)
    last_self = last_other = -1
    for found in ctx.self_words.finditer(text, begin, start):
        last_self = found.start()
    for found in ctx.others.finditer(text, begin, start):
        last_other = found.start()
    return last_other > last_self


# Second person turned into first, for a mentor's words that reflect the peer's back to them.
_FIRST_PERSON = {
    "you're": "i'm",
    "youre": "im",
    "you are": "i am",
    "you've": "i've",
    "youve": "ive",
    "you have": "i have",
    "you'd": "i'd",
    "you'll": "i'll",
    "yourself": "myself",
    "yours": "mine",
    "your": "my",
    "you": "i",
    "u": "i",
    "ur": "my",
}
_SECOND_PERSON_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in _FIRST_PERSON) + r")\b"
)
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?\n]*")
# Words after which "you" is an object, so reads as "me" in the first person.
_OBJECT_BEFORE = re.compile(
    r"\b(?:miss|missed|notice|noticed|love|loves|loved|hurt|hurts|help|helps|tell|told|find|found|"
    r"see|saw|call|called|want|wants|need|needs|hate|hates|blame|blames|for|to|with|about|at|"
    r"without|from|of|like|than|behind|around|after|before|against|into|on)\s+$"
)


@cache
def _reflected_cues(pattern: str) -> frozenset[str] | None:
    """Words one of which every reflection holds (None: the pattern does not say)."""
    anchors = required_anchors(pattern)
    return anchors.literals if anchors is not None else None


def reflected_words(ctx: Context, text: str) -> str | None:
    """What the peer told, when a mentor's message gives it back to them ("you said you cut
    last night", "so you took the whole packet?"), in the first person so that every rule
    reads it as the writer's own; None when the message gives nothing back."""
    return told_in_first_person(text, reflected_sentences(ctx, text))


def told_in_first_person(text: str, spans: list[tuple[int, int]]) -> str | None:
    """The sentences at spans (from reflected_sentences), joined and put in the first person."""
    if not spans:
        return None
    told = " ".join(text[start:end] for start, end in spans)
    return _SECOND_PERSON_RE.sub(lambda word: _first_person(told, word), told)


def reflected_sentences(ctx: Context, text: str) -> list[tuple[int, int]]:
    """Where a mentor's message gives back what the peer told them: the spans of its
    reflecting sentences (none when it gives nothing back).

    After reflecting words ("you said", "it sounds like you"), their sentence counts, and so
    does each later one that speaks of "you"; anywhere, a sentence that starts by telling the
    peer what they did or feel counts, even as a question ("you fainted at work today?").
    Questions that ask rather than check ("are you safe?"), conditions and advice ("if you
    ever...", "try...") are left out: asking about risk is not reporting it."""
    cues = _reflected_cues(ctx.reflected.pattern)
    framed = None
    if cues is None or any(cue in text for cue in cues):
        framed = ctx.reflected.search(text)
    if framed is None and "you" not in text and "u " not in text:
        return []  # a quick look: nothing is given back
    from_frame = sentence_start(text, framed.start()) if framed is not None else len(text)
    kept: list[tuple[int, int]] = []
    for found in _SENTENCE_RE.finditer(text):
        sentence = found.group()
        echoed = ctx.echoed.match(sentence) is not None
        if not echoed and found.end() <= from_frame:
            continue
        if not echoed and found.start() > from_frame and not _SECOND_PERSON_RE.search(sentence):
            continue  # after the reflecting words, a sentence with no "you" is the mentor's own
        if ctx.not_reflected.search(sentence):
            continue
        if "?" in sentence and not echoed and not ctx.checked.search(sentence):
            continue
        kept.append(found.span())
    return kept


def _first_person(text: str, word: re.Match[str]) -> str:
    """The first-person form of a second-person word: "you" is "me" after a verb or a
    preposition that takes an object ("nobody would miss you", "worried for you")."""
    said = re.sub(r"\s+", " ", word.group())
    if said in ("you", "u") and _OBJECT_BEFORE.search(
        text, max(0, word.start() - 16), word.start()
    ):
        return "me"
    return _FIRST_PERSON[said]


def past_state(ctx: Context, text: str, start: int, end: int | None = None) -> str:
    """Return 'recovered', 'past' or 'present' for the sentence holding the match.

    The match's own words never count as a word on recovery: in "haven't had a period in 7
    months" the absence is the risk, not a recovery."""
    begin, finish = sentence_span(text, start, start)
    if not ctx.past.search(text, begin, finish):
        return "present"
    if ctx.still_present.search(text):
        return "present"  # "it's back", "again", "lately": the past is not over
    clause = clause_span(text, start, end if end is not None else start)
    if ctx.present_in_clause.search(text, *clause) and not ctx.past.search(text, *clause):
        return "present"
    if end is not None:
        text = blank(text, [(start, end)])
    return "recovered" if ctx.recovery.search(text) else "past"


def says_it_is_imminent(ctx: Context, text: str) -> bool:
    """True when the message says the risk will be acted on soon, and does not deny it."""
    return any(not is_negated(ctx, text, found.start()) for found in ctx.imminent.finditer(text))
