"""The fifth round's situations: a mentor giving back what the peer told, and the wordings the
fourth round's blind sets still missed.

A mentor's message carries the level of the risk it reports, so "you said you cut last night"
is concern and "I hear you've fainted twice today" urgent, while asking about risk, imagining
it or advising on it stays `none`. Every message is written for these tests.
"""

import pytest

from alongside.screening import screen
from tests.screening.test_registers import LEVELS, RAMBLE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("you said you cut again last night. is it healing ok?", "concern"),
        ("it sounds like you feel like a burden on your family right now", "concern"),
        ("i'm hearing that you've fainted twice today and your heart is racing", "urgent"),
        ("you told me you've written a note. i'm really glad you did tell me", "urgent"),
        ("thank you for trusting me with this. you mentioned you've been purging daily", "concern"),
        ("when you say you wish you wouldn't wake up, i want to hear more", "concern"),
        ("u said u want to kill yourself tonight. i'm here", "urgent"),
        # an echo: the peer's own words given back in plain order, even as a question
        ("wait, you took all your tablets an hour ago? i'm phoning 999", "urgent"),
        ("you've not eaten or drunk anything since friday and you feel confused?", "urgent"),
        ("ok so you fainted in the shower this morning. that worries me", "urgent"),
        ("it sounds like you've been feeling like a burden, is that right?", "concern"),
    ],
)
def test_a_mentor_giving_back_the_peers_words_carries_their_level(text, level):
    result = screen(text, "mentor")
    assert result.reflected == level, text
    assert result.crisis == "none", text  # the peer's risk, not the mentor's own
    assert result.to_dict()["reflected"] == level


@pytest.mark.parametrize(
    "text",
    [
        "if you ever feel like hurting yourself, you can always message me",
        "you said school was rough today, what happened?",
        "you mentioned you used to cut but you've been free of it for two years, that's huge",
        "you don't have to starve yourself to deserve help",
        "it sounds like you had a lovely weekend with your nan",
        "you need to be gentle with yourself after a day like that",
        "you did so well at the appointment today",
        "have you eaten anything today?",
    ],
)
def test_a_mentor_asking_advising_or_reporting_the_harmless_stays_none(text):
    result = screen(text, "mentor")
    assert result.crisis == "none" and result.reflected == "none", text
    assert "reflected" not in result.to_dict()


def test_a_peers_you_is_still_the_mentor_not_the_writer():
    # Giving back is something mentors do; a peer quoting the mentor reports no risk of theirs.
    result = screen("you said you used to cut when you were my age", "peer")
    assert result.crisis == "none" and result.reflected == "none"


def test_a_mentors_own_crisis_and_what_they_give_back_are_told_apart():
    result = screen("you said you cut last night. honestly I want to die too", "mentor")
    assert result.crisis == "urgent"  # the mentor's own words: the self-care path
    assert result.reflected == "concern"  # the peer's: their escalation


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # how much, how high, what to drink, whether it would work
        ("how many of my nan's heart pills would be lethal", "urgent"),
        ("anyone know which stuff under the sink is deadly if you drink it", "urgent"),
        ("What happens if you swallow a whole packet of paracetamol", "urgent"),
        ("what height do you need to definitely not survive", "urgent"),
        ("if i jumped from the car park roof would it work", "urgent"),
        ("ok so what's the least painful way.", "urgent"),
        # a plan as a plan, and asking leave to go
        ("my plan is to end it after my exams", "urgent"),
        ("can someone please just tell me it's alright to let go", "urgent"),
        # a burden with a date
        ("sorry for being so much trouble. it ends tonight.", "urgent"),
        ("the kindest thing i can do for my family is disappear. tonight.", "urgent"),
        # not waking, not wanting to be here, disappearing
        ("prayed i wouldn't wake up again last night", "concern"),
        (RAMBLE.format(risk="I keep having thoughts of not wanting to be around."), "concern"),
        # restriction told plainly
        ("skipped breakfast and lunch and it felt good ngl", "concern"),
        ("not gonna eat anything till monday", "concern"),
        ("Two weeks on almost no food and I'm still not thin enough", "concern"),
        ("chew n spit again all afternoon", "concern"),
        ("getting sick after meals every night this week", "concern"),
        # the body failing, shorthand for harm
        ("threw up so much it's all blood now and i can hardly stand", "urgent"),
        ("i sh'd last night, sorry", "concern"),
        ("back in 2019 i swore i'd stop purging. did it twice today", "concern"),
        # intent with its method or means, in a few words
        ("i'm going to step in front of the next train", "urgent"),
        ("ive got tablets stashed and i dont think ill be around for much longer", "urgent"),
        ("can u overdose on sleeping pills", "urgent"),
        ("so how many would it take?", "urgent"),
        # worth and a future denied, a day of almost nothing, urges in shorthand
        ("i'm just a waste of space and money tbh", "concern"),
        ("can't see any future for me anymore", "concern"),
        ("half an apple and a black coffee all day. thats it", "concern"),
        ("skipped breakfast, skipped lunch, feel great", "concern"),
        ("need to sh so badly tonight", "concern"),
    ],
)
def test_each_situation_is_raised_in_its_registers(text, level):
    assert LEVELS.index(screen(text, "peer").crisis) >= LEVELS.index(level), text


@pytest.mark.parametrize(
    "text",
    [
        "how many teaspoons of salt is too much for a loaf",
        "which berries are deadly if you eat them, asking before our hike",
        "what happens if you drink coffee before a blood test",
        "what floor is the dentist on",
        "my plan is to go to bed early and watch a film",
        "tell me it's ok to leave the washing up till morning",
        "i hope i don't wake up late tomorrow",
        "thinking about disappearing to cornwall for the summer",
        "skipped lunch, the meeting ran over, had a massive dinner though",
        "not eating until everyone's here, the pizza's coming",
        "my gums bleed when i brush, it's just blood from brushing too hard",
        "i shed a few tears at the wedding",
        "can you overdose on vitamin d? i take a lot in winter",
        "how many would it take to fill a minibus",
        "that film was a waste of time and money",
        "skipped lunch, skipped the gym, work was mad",
        "need to shower and get to work",
    ],
)
def test_everyday_look_alikes_stay_none(text):
    assert screen(text, "peer").crisis == "none", text
