"""Put a message into the one form the rules are written for, remembering where each character
came from so a highlight still points at the writer's own words.

Rules are written in plain lowercase English. People write full-width letters, Cyrillic look-
alikes, "k i l l", "diiiie", "v00mit" and titles that run into the body ("suicidalEdit").
`normalise` undoes those and returns the new text with, for each of its characters, the offset
of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from alongside.screening.text import lower_same_length

# Curly quotes from phone keyboards, and letters from other scripts that look like Latin ones.
CONFUSABLES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "\u0060": "'",
    **dict(zip("асеіјорхуѕԁһкмтвнг", "aceijopxysdhkmtbhr", strict=True)),  # Cyrillic
    **dict(zip("АСЕІЈОРХУЅКМТВН", "ACEIJOPXYSKMTBH", strict=True)),
    **dict(zip("αεικνορτυχ", "aeiknoptux", strict=True)),  # Greek
    **dict(zip("ΑΕΙΚΝΟΡΤΥΧΒΜΗΖ", "AEIKNOPTYXBMHZ", strict=True)),
}
INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Combining marks left over after NFKC (nothing to compose with): "zalgo" text stacks them on
# every letter of a word, which hides it from every rule, so they are dropped.
COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
COMBINING_RE = re.compile(f"[{COMBINING}]")
# Digits and symbols standing for letters, only when a letter stands on both sides ("v00mit",
# "k1ll", "su!cide"); "10kg", "covid19" and "b4" keep their digits.
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
LEET_RE = re.compile(r"(?<=[a-z])[013457@$!]+(?=[a-z])")
# Three or more single letters in a row, apart by single spaces or dots: "k i l l", "d.i.e".
SPACED_RE = re.compile(r"(?<![\w'])[a-z](?:[ .*_-][a-z]){2,}(?![\w'])")
# A letter typed three or more times. Letters English doubles keep two ("killll" is "kill");
# others keep one ("diiie" is "die"), and so does any letter at the end of a word ("meee").
REPEAT_RE = re.compile(r"([a-z])\1{2,}")
DOUBLED = frozenset("bcdefglmnoprstz")
KEEP_DOUBLE_AT_END = frozenset("lsfz")
# A lowercase word running straight into a capital ("suicidalEdit", "help meI"). Only a word
# that starts lowercase is split, so "WhatsApp", "YouTube" and "iPhone" stay whole.
CASE_JOIN_RE = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?=[A-Z])")
# One quick look decides whether any of the above can apply; most messages need none of it.
# Besides one small search for a letter typed three times, the text is drawn as a sketch of
# the same length: "a" for a lowercase ASCII letter, "A" for an uppercase one, "1" for a
# character that may stand for a letter, "." for a separator of spaced letters, every other
# character as it is. Fixed strings looked for in the sketch (in C) then rule out the other
# three patterns without running them.
_SKETCH = str.maketrans(
    {
        **dict.fromkeys(map(ord, "abcdefghijklmnopqrstuvwxyz"), "a"),
        **dict.fromkeys(map(ord, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "A"),
        **dict.fromkeys(map(ord, "013457@$!"), "1"),
        **dict.fromkeys(map(ord, " .*_-"), "."),
    }
)
REPEAT_CHECK_RE = re.compile(r"([a-zA-Z])\1\1")
# Any character three times: a cheaper first look, since most messages have none at all.
REPEAT_ANY_RE = re.compile(r"(.)\1\1", re.DOTALL)
# The sketch for ASCII text as a byte table: bytes.translate is several times faster.
_SKETCH_BYTES = bytes(ord(_SKETCH.get(code, chr(code))) for code in range(128)) + bytes(
    range(128, 256)
)
LEET_CHECK_RE = re.compile(r"a1+a")
SPACED_CHECK_RE = re.compile(r"\b[a-zA-Z][ .*_-][a-zA-Z][ .*_-][a-zA-Z]\b")
SAME_LENGTH = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'"})
SPECIAL_RE = re.compile("[" + "".join(sorted(set(CONFUSABLES) | INVISIBLE)) + COMBINING + "]")


def needs_work(text: str) -> bool:
    """Whether a joined word, a repeated letter, a stand-in digit or spaced letters may occur
    (CASE_JOIN_RE, REPEAT_RE, LEET_RE and SPACED_RE above, before lowercasing)."""
    if REPEAT_ANY_RE.search(text) and REPEAT_CHECK_RE.search(text):
        return True
    if text.isascii():
        sketch = text.encode("ascii").translate(_SKETCH_BYTES).decode("ascii")
    else:
        sketch = text.translate(_SKETCH)
    if "aA" in sketch:
        return True
    letters = sketch.replace("A", "a")
    if "1" in letters and LEET_CHECK_RE.search(letters):
        return True
    return "a.a.a" in letters and SPACED_CHECK_RE.search(text) is not None


@dataclass(frozen=True)
class Normalised:
    """The normalised text and, per character, the original offset (None: the same offsets)."""

    text: str
    offsets: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The stretch of the original text that text[start:end] came from."""
        if self.offsets is None or start >= end:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(original: str) -> Normalised:
    """Lowercase, NFKC, look-alike letters, spaced and repeated letters, joined words."""
    quick = original.translate(SAME_LENGTH)
    if not needs_work(quick) and (
        quick.isascii()
        or (unicodedata.is_normalized("NFKC", quick) and SPECIAL_RE.search(quick) is None)
    ):
        return Normalised(lower_same_length(quick), None)
    chars, offsets = _characters(original)
    text = "".join(chars)
    text, offsets = _substitute(CASE_JOIN_RE, _space, text, offsets)
    text = lower_same_length(text)
    for pattern, replace in ((LEET_RE, _unleet), (REPEAT_RE, _shorten), (SPACED_RE, _join)):
        text, offsets = _substitute(pattern, replace, text, offsets)
    return Normalised(text, tuple(offsets))


def _characters(original: str) -> tuple[list[str], list[int]]:
    """Each original character in NFKC form with look-alikes swapped, invisible ones and
    leftover combining marks dropped."""
    chars: list[str] = []
    offsets: list[int] = []
    for position, char in enumerate(original):
        if char in INVISIBLE:
            continue
        for piece in unicodedata.normalize("NFKC", CONFUSABLES.get(char, char)):
            if COMBINING_RE.match(piece):
                continue
            chars.append(CONFUSABLES.get(piece, piece))
            offsets.append(position)
    return chars, offsets


# Each replacement says, per new character, which character of the match it stands for.
Replacement = list[tuple[str, int]]


def _space(found: re.Match[str]) -> Replacement:
    # The word as it was, then a space that sits at the capital letter that follows it.
    word = found.group()
    return [*((char, index) for index, char in enumerate(word)), (" ", len(word))]


def _unleet(found: re.Match[str]) -> Replacement:
    return [(LEET[char], index) for index, char in enumerate(found.group())]


def _shorten(found: re.Match[str]) -> Replacement:
    letter = found.group(1)
    text, end = found.string, found.end()
    at_end = end == len(text) or not text[end].isalpha()
    if letter in DOUBLED and not (at_end and letter not in KEEP_DOUBLE_AT_END):
        return [(letter, 0), (letter, 1)]
    return [(letter, 0)]


def _join(found: re.Match[str]) -> Replacement:
    return [(char, index) for index, char in enumerate(found.group()) if char.isalpha()]


def _substitute(pattern, replace, text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """re.sub that keeps each character's original offset."""
    pieces: list[str] = []
    new_offsets: list[int] = []
    last = 0
    for found in pattern.finditer(text):
        start = found.start()
        pieces.append(text[last:start])
        new_offsets.extend(offsets[last:start])
        for char, index in replace(found):
            pieces.append(char)
            new_offsets.append(offsets[min(start + index, len(offsets) - 1)])
        last = found.end()
    if not pieces:
        return text, offsets
    pieces.append(text[last:])
    new_offsets.extend(offsets[last:])
    return "".join(pieces), new_offsets
