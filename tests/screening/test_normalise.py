"""Normalising before matching: disguised spellings are read, offsets still fit the original."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.screening import screen
from alongside.screening.normalise import normalise
from tests.screening.test_properties import SETTINGS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I want to k i l l myself", "i want to kill myself"),
        ("ＫＩＬＬ myself", "kill myself"),
        ("I want to diiiie", "i want to die"),
        ("killllll me", "kill me"),
        ("ѕuicide", "suicide"),  # a Cyrillic letter s
        ("title suicidalEdit: hi", "title suicidal edit: hi"),
        ("k1ll myself", "kill myself"),
        ("don\u2019t", "don't"),
        # stacked combining marks ("zalgo") on every letter
        ("k\u0337\u0321i\u0337\u0327l\u0335\u0328l\u0337\u0322 myself", "kill myself"),
        # a loose accent goes too (the rules match plain letters); a composed letter stays
        ("cafe\u0301 and na\u00efve", "cafe and na\u00efve"),
    ],
)
def test_disguised_spellings_become_plain(text, expected):
    assert normalise(text).text == expected


@pytest.mark.parametrize("text", ["10kg and covid19 b4", "WhatsApp and YouTube", "so good", "ok"])
def test_ordinary_writing_is_only_lowercased(text):
    assert normalise(text).text == text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "I want to k i l l myself",
        "ＫＩＬＬ ＭＹＳＥＬＦ",
        "i want to diiiie tonight",
        "ѕuicidal",
        "going to k\u0337i\u0337l\u0337l\u0337 myself",
    ],
)
def test_disguised_crisis_wording_is_urgent(text):
    assert screen(text, "peer").crisis == "urgent"


def test_a_flag_on_disguised_words_points_at_the_original_letters():
    text = "ｙｏｕ ｌｏｏｋ ｓｏ ｈｅａｌｔｈｙ now"
    (flag,) = [f for f in screen(text, "mentor").flags if f.category == "body_talk"]
    assert text[flag.start : flag.end] == "ｙｏｕ ｌｏｏｋ ｓｏ ｈｅａｌｔｈｙ"


@SETTINGS
@given(st.text(max_size=200))
def test_every_normalised_character_maps_into_the_original_in_order(text):
    normal = normalise(text)
    if normal.offsets is None:
        assert len(normal.text) == len(text)
        return
    assert len(normal.offsets) == len(normal.text)
    assert list(normal.offsets) == sorted(normal.offsets)
    assert all(0 <= offset < len(text) for offset in normal.offsets)
