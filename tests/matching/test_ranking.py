"""The ranking on its own: filters never violated, reasons honest, results stable."""

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.matching.models import MentorProfile
from alongside.matching.ranking import (
    IN_PERSON,
    Candidate,
    Wishes,
    passes_filters,
    rank,
)
from alongside.matching.selectors import RANKING_LABELS, candidate_from

LANGS = ["en", "fr", "es"]
MODES = ["chat", "video", "phone", IN_PERSON]
REGIONS = ["", "Ontario", "ontario ", "Québec"]
TIMES = ["mon-evening", "tue-evening", "sat-morning"]
AREAS = ["anorexia", "bulimia", "body_image", "family"]
LABELS = {
    "en": "English",
    "fr": "Français",
    "es": "Español",
    "chat": "Chat",
    "video": "Video link",
    "phone": "Phone",
    IN_PERSON: "In person",
    "mon-evening": "Monday evening",
    "tue-evening": "Tuesday evening",
    "sat-morning": "Saturday morning",
    "anorexia": "Anorexia",
    "bulimia": "Bulimia",
    "body_image": "Body image",
    "family": "Family relationships",
    "25-34": "25 to 34",
}


def subset(values, min_size=0):
    return st.frozensets(st.sampled_from(values), min_size=min_size)


facets = st.fixed_dictionaries(
    {},
    optional={
        "gender": st.sampled_from(["Woman", "Non-binary"]),
        "age_range": st.sampled_from(["25-34", "35-49"]),
        "lgbtq2s": st.just(True),
        "culture": st.sampled_from(["Métis", "Punjabi"]),
    },
)

candidates = st.builds(
    Candidate,
    id=st.integers(1, 10_000),
    languages=subset(LANGS, 1),
    meeting_modes=subset(MODES, 1),
    region=st.sampled_from(REGIONS),
    availability=subset(TIMES),
    lived_experience=subset(AREAS),
    shared_facets=facets,
    load=st.integers(0, 3),
    cap=st.integers(1, 3),
)
wishes = st.builds(
    Wishes,
    peer_id=st.integers(1, 1000),
    languages=subset(LANGS, 1),
    meeting_modes=subset(MODES, 1),
    region=st.sampled_from(REGIONS),
    times=subset(TIMES),
    lived_experience=subset(AREAS),
    gender=st.sampled_from(["", "woman", "Non-binary"]),
    age_range=st.sampled_from(["", "25-34"]),
    lgbtq2s=st.booleans(),
    culture=st.sampled_from(["", "métis"]),
)


def unique(mentors):
    return list({m.id: m for m in mentors}.values())


@settings(max_examples=200, deadline=None)
@given(wishes, st.lists(candidates, max_size=30), st.integers(1, 8))
def test_suggestions_never_break_the_filters(peer, mentors, limit):
    mentors = unique(mentors)
    by_id = {m.id: m for m in mentors}
    result = rank(peer, mentors, limit=limit, labels=LABELS)
    assert len(result) <= limit
    for suggestion in result:
        mentor = by_id[suggestion.mentor_id]
        assert peer.languages & mentor.languages
        shared_modes = peer.meeting_modes & mentor.meeting_modes
        assert shared_modes
        if shared_modes == {IN_PERSON}:
            assert mentor.region.strip().casefold() == peer.region.strip().casefold() != ""


@settings(max_examples=100, deadline=None)
@given(wishes, st.lists(candidates, max_size=30))
def test_everyone_who_passes_is_considered_up_to_the_limit(peer, mentors):
    mentors = unique(mentors)
    passing = [m for m in mentors if passes_filters(peer, m)]
    assert len(rank(peer, mentors, limit=len(mentors) or 1)) == len(passing)


@settings(max_examples=100, deadline=None)
@given(wishes, st.lists(candidates, max_size=30))
def test_ranking_is_deterministic_whatever_the_input_order(peer, mentors):
    mentors = unique(mentors)
    first = rank(peer, mentors, labels=LABELS)
    again = rank(peer, list(reversed(mentors)), labels=LABELS)
    assert first == again


profiles = st.builds(
    lambda gender, age, lgbtq, culture, shares, **rest: MentorProfile(
        mentor_id=5,
        gender=gender,
        age_range=age,
        lgbtq2s=lgbtq,
        culture=culture,
        share_gender=shares[0],
        share_age_range=shares[1],
        share_lgbtq2s=shares[2],
        share_culture=shares[3],
        caseload_cap=2,
        languages=["en"],
        meeting_modes=["chat"],
        **rest,
    ),
    gender=st.sampled_from(["", "Woman", "Non-binary"]),
    age=st.sampled_from(["", "25-34", "35-49"]),
    lgbtq=st.booleans(),
    culture=st.sampled_from(["", "Métis"]),
    shares=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans()),
    lived_experience=st.lists(st.sampled_from(AREAS), unique=True),
    availability=st.lists(st.sampled_from(TIMES), unique=True),
)


def _blank_unshared(profile):
    copy = MentorProfile(**{f.attname: getattr(profile, f.attname) for f in profile._meta.fields})
    if not profile.share_gender:
        copy.gender = "Someone else"
    if not profile.share_age_range:
        copy.age_range = "50+"
    if not profile.share_lgbtq2s:
        copy.lgbtq2s = not profile.lgbtq2s
    if not profile.share_culture:
        copy.culture = "Elsewhere"
    return copy


@settings(max_examples=200, deadline=None)
@given(wishes, profiles)
def test_unshared_facets_never_influence_order_or_reasons(peer, profile):
    peer = dataclasses.replace(peer, languages=frozenset({"en"}), meeting_modes=frozenset({"chat"}))
    other = Candidate(id=9, languages=frozenset({"en"}), meeting_modes=frozenset({"chat"}))
    real = rank(peer, [candidate_from(profile, 0), other], labels=RANKING_LABELS)
    changed = rank(
        peer, [candidate_from(_blank_unshared(profile), 0), other], labels=RANKING_LABELS
    )
    assert real == changed
    words = " ".join(r for s in real for r in s.reasons)
    if not profile.share_gender and profile.gender:
        assert profile.gender not in words
    if not profile.share_culture and profile.culture:
        assert profile.culture not in words
    if not profile.share_lgbtq2s:
        assert "LGBTQ2S+" not in words
    if not profile.share_age_range and profile.age_range:
        assert "Age range" not in words


def test_in_person_only_peers_need_a_mentor_in_their_region():
    peer = Wishes(
        peer_id=1,
        languages=frozenset({"en"}),
        meeting_modes=frozenset({IN_PERSON}),
        region="Ontario",
    )
    elsewhere = Candidate(
        id=1,
        languages=frozenset({"en"}),
        meeting_modes=frozenset({IN_PERSON, "chat"}),
        region="Québec",
    )
    nearby = Candidate(
        id=2, languages=frozenset({"en"}), meeting_modes=frozenset({IN_PERSON}), region=" ontario"
    )
    assert [s.mentor_id for s in rank(peer, [elsewhere, nearby])] == [2]


def test_reasons_are_plain_words_without_scores():
    peer = Wishes(
        peer_id=7,
        languages=frozenset({"fr", "en"}),
        meeting_modes=frozenset({"video"}),
        times=frozenset({"tue-evening"}),
        lived_experience=frozenset({"body_image"}),
        lgbtq2s=True,
        age_range="25-34",
    )
    mentor = Candidate(
        id=3,
        languages=frozenset({"fr"}),
        meeting_modes=frozenset({"video", "chat"}),
        availability=frozenset({"tue-evening", "sat-morning"}),
        lived_experience=frozenset({"body_image", "bulimia"}),
        shared_facets={"lgbtq2s": True, "age_range": "25-34"},
    )
    [suggestion] = rank(peer, [mentor], labels=LABELS)
    assert suggestion.reasons == (
        "Shares your language: Français",
        "Has lived experience with body image",
        "Can meet by video link",
        "Available Tuesday evenings",
        "Age range as you hoped: 25 to 34",
        "Is LGBTQ2S+, as you hoped",
    )
    assert not any(char.isdigit() for r in suggestion.reasons[:4] for char in r)


def test_a_better_fit_and_a_lighter_load_rank_higher():
    peer = Wishes(
        peer_id=1,
        languages=frozenset({"en"}),
        meeting_modes=frozenset({"chat"}),
        lived_experience=frozenset({"anorexia"}),
    )
    base = {"languages": frozenset({"en"}), "meeting_modes": frozenset({"chat"})}
    busy = Candidate(id=1, load=2, cap=3, **base)
    free = Candidate(id=2, load=0, cap=3, **base)
    fits = Candidate(id=3, load=2, cap=3, lived_experience=frozenset({"anorexia"}), **base)
    assert [s.mentor_id for s in rank(peer, [busy, free, fits])] == [3, 2, 1]


def test_ties_are_broken_differently_for_different_peers():
    mentors = [
        Candidate(id=i, languages=frozenset({"en"}), meeting_modes=frozenset({"chat"}))
        for i in range(1, 40)
    ]
    firsts = set()
    for peer_id in range(1, 20):
        peer = Wishes(
            peer_id=peer_id, languages=frozenset({"en"}), meeting_modes=frozenset({"chat"})
        )
        firsts.add(rank(peer, mentors, limit=1)[0].mentor_id)
        assert rank(peer, mentors) == rank(peer, mentors)
    assert len(firsts) > 3
