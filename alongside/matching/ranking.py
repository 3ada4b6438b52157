"""Rank mentors for one peer: plain Python over small dataclasses, no database inside.

Hard filters first, then a transparent points score, then a deterministic tie-break. The
points never leave this module: people see plain-language reasons instead (docs/matching.md).
"""

import hashlib
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

IN_PERSON = "in_person"
FACETS = ("gender", "age_range", "lgbtq2s", "culture")

# Points per matching signal. Lived experience weighs most: the guide's first reason to choose a
# mentor is someone who understands what you are living.
LIVED_EXPERIENCE_POINTS = 30
LIVED_EXPERIENCE_MAX = 3
FACET_POINTS = 20
AVAILABILITY_POINTS = 10
AVAILABILITY_MAX = 4
# Free capacity spreads partnerships across mentors, so nobody is overloaded while others wait.
FREE_CAPACITY_POINTS = 30


@dataclass(frozen=True)
class Candidate:
    """One matchable mentor as ranking sees them. `shared_facets` holds only shared facets."""

    id: int
    languages: frozenset[str]
    meeting_modes: frozenset[str]
    region: str = ""
    availability: frozenset[str] = frozenset()
    lived_experience: frozenset[str] = frozenset()
    shared_facets: Mapping[str, str | bool] = field(default_factory=dict)
    load: int = 0
    cap: int = 1


@dataclass(frozen=True)
class Wishes:
    """What the peer asked for. Empty languages or modes are filled in by the caller."""

    peer_id: int
    languages: frozenset[str]
    meeting_modes: frozenset[str]
    region: str = ""
    times: frozenset[str] = frozenset()
    lived_experience: frozenset[str] = frozenset()
    # Facet preferences: "" (or False) means no preference.
    gender: str = ""
    age_range: str = ""
    lgbtq2s: bool = False
    culture: str = ""


@dataclass(frozen=True)
class Suggestion:
    mentor_id: int
    reasons: tuple[str, ...]


def _same_place(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def usable_modes(wishes: Wishes, mentor: Candidate) -> frozenset[str]:
    """Ways both can meet. In person counts only when both gave the same region."""
    shared = wishes.meeting_modes & mentor.meeting_modes
    if IN_PERSON in shared and not _same_place(wishes.region, mentor.region):
        shared = shared - {IN_PERSON}
    return shared


def passes_filters(wishes: Wishes, mentor: Candidate) -> bool:
    """A shared language and at least one usable shared way to meet; nothing else is hard."""
    return bool(wishes.languages & mentor.languages) and bool(usable_modes(wishes, mentor))


def satisfied_facets(wishes: Wishes, mentor: Candidate) -> list[str]:
    """Facet preferences the mentor meets, judged only on what the mentor chose to share."""
    shared = mentor.shared_facets
    met = []
    if wishes.gender and _same_place(wishes.gender, str(shared.get("gender", ""))):
        met.append("gender")
    if wishes.age_range and shared.get("age_range") == wishes.age_range:
        met.append("age_range")
    if wishes.lgbtq2s and shared.get("lgbtq2s") is True:
        met.append("lgbtq2s")
    if wishes.culture and _same_place(wishes.culture, str(shared.get("culture", ""))):
        met.append("culture")
    return met


def score(wishes: Wishes, mentor: Candidate) -> int:
    """Whole points, so equal mentors tie exactly and the tie-break decides."""
    lived = min(len(wishes.lived_experience & mentor.lived_experience), LIVED_EXPERIENCE_MAX)
    times = min(len(wishes.times & mentor.availability), AVAILABILITY_MAX)
    facets = len(satisfied_facets(wishes, mentor))
    free = max(mentor.cap - mentor.load, 0) / max(mentor.cap, 1)
    return (
        lived * LIVED_EXPERIENCE_POINTS
        + facets * FACET_POINTS
        + times * AVAILABILITY_POINTS
        + round(free * FREE_CAPACITY_POINTS)
    )


def tie_break(peer_id: int, mentor_id: int) -> bytes:
    """A stable order per peer that differs between peers, so the same mentors are not always
    first for everyone when scores tie (salted with the peer's id)."""
    return hashlib.blake2b(f"{peer_id}:{mentor_id}".encode(), digest_size=8).digest()


def rank(
    wishes: Wishes,
    mentors: Iterable[Candidate],
    *,
    limit: int = 5,
    labels: Mapping[str, str] | None = None,
) -> list[Suggestion]:
    """The best `limit` mentors passing the filters, best first, each with its reasons."""
    scored = (
        (-score(wishes, mentor), tie_break(wishes.peer_id, mentor.id), mentor)
        for mentor in mentors
        if passes_filters(wishes, mentor)
    )
    best = heapq.nsmallest(limit, scored, key=lambda row: (row[0], row[1]))
    return [Suggestion(m.id, reasons(wishes, m, labels or {})) for _, _, m in best]


def _label(code: str, labels: Mapping[str, str]) -> str:
    return labels.get(code, code)


def _sentence_case(label: str) -> str:
    """ "Body image" reads "body image" mid-sentence; "ARFID" and "LGBTQ2S+" keep capitals."""
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural_time(label: str) -> str:
    """ "Tuesday evening" becomes "Tuesday evenings": a weekly window."""
    return label + "s"


def reasons(wishes: Wishes, mentor: Candidate, labels: Mapping[str, str]) -> tuple[str, ...]:
    """Why this mentor is suggested, in plain words; never a number, never an unshared facet."""
    said = []
    languages = sorted(wishes.languages & mentor.languages)
    said.append("Shares your language: " + _join([_label(code, labels) for code in languages]))
    lived = sorted(wishes.lived_experience & mentor.lived_experience)
    if lived:
        areas = [_sentence_case(_label(code, labels)) for code in lived]
        said.append("Has lived experience with " + _join(areas))
    modes = [_sentence_case(_label(code, labels)) for code in sorted(usable_modes(wishes, mentor))]
    said.append("Can meet by " + _join(modes))
    times = [code for code in labels if code in wishes.times & mentor.availability]
    times = times or sorted(wishes.times & mentor.availability)
    if times:
        said.append("Available " + _join([_plural_time(_label(t, labels)) for t in times[:3]]))
    said.extend(_facet_reason(f, mentor, labels) for f in satisfied_facets(wishes, mentor))
    return tuple(said)


def _facet_reason(facet: str, mentor: Candidate, labels: Mapping[str, str]) -> str:
    shared = mentor.shared_facets
    if facet == "gender":
        return f"Gender as you hoped: {shared['gender']}"
    if facet == "age_range":
        return f"Age range as you hoped: {_label(str(shared['age_range']), labels)}"
    if facet == "lgbtq2s":
        return "Is LGBTQ2S+, as you hoped"
    return f"Culture or community as you hoped: {shared['culture']}"
