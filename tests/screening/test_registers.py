"""The crisis rules added for the ways real posts put distress, in several registers.

Each situation is checked as a short chat line, in slang, as a title run into its body and
inside a long rambling post, next to everyday text that uses the same words and must stay
`none`. The messages are written for these tests; none is taken from real posts.
"""

import pytest

from alongside.screening import screen

LEVELS = ["none", "concern", "urgent"]
RAMBLE = (
    "sorry this is long, I don't really know where else to put it. work has been the same as "
    "always, I go in, I do my hours, I come home and sit in the car for a while before I go "
    "inside because the flat is so quiet. my sister rang on sunday and I said everything was "
    "fine, which is what I always say. I made pasta, I watched half a film, I went to bed at "
    "ten and lay there until three. the weekend went like that too. {risk} anyway I don't "
    "expect anyone to read all of this, I just needed to write it down somewhere that isn't "
    "my own head. thanks if you got this far."
)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # not wanting to be talked out of it
        ("pls dont try n talk me out of it.", "urgent"),
        ("Made my choice\nNobody needs to talk me out of it this time.", "urgent"),
        (RAMBLE.format(risk="and I've decided. please don't talk me out of it."), "urgent"),
        # getting hold of the means
        ("bought a rope today. not for camping", "urgent"),
        # seeing no way out
        ("tbh i cant see any other way out anymore", "concern"),
        (RAMBLE.format(risk="I don't see another way out now."), "concern"),
        # distress with a plea
        ("can someone talk to me pls im shaking so bad and i cant breathe", "urgent"),
        ("Please help\nI'm sobbing and I can't stop", "concern"),
        # doubting life is worth living
        ("is any of this even worth living for", "concern"),
        # not trusting oneself with the means
        ("i dont trust myself around my tablets rn", "concern"),
        # despair without a named phrase
        (RAMBLE.format(risk="honestly I don't know how to live like this anymore."), "concern"),
        ("what's the use of trying anymore", "concern"),
        ("im so done living", "concern"),
        ("I've become a burden to everyone.", "concern"),
        # a method thought about, without the word suicide
        ("every night I think about just stepping in front of a lorry", "concern"),
        # peace promised soon
        ("dont worry about me. soon I'll finally find peace", "concern"),
        # the body in danger
        ("came round on the bathroom floor again", "urgent"),
        ("feel like i'm about to pass out, nothing eaten since tuesday", "urgent"),
    ],
)
def test_crisis_told_in_each_register_is_raised(text, level):
    # At least the level the rules give: the learned model may lift concern to urgent.
    assert LEVELS.index(screen(text, "peer").crisis) >= LEVELS.index(level)


@pytest.mark.parametrize(
    "text",
    [
        "don't try to talk me out of it, I'm booking the holiday",
        "bought a rope for the tent, we're camping on saturday",
        "I don't see any other option for the school run this week",
        "crying so hard at this trailer, someone help me",
        "is it worth living in the city centre or further out?",
        "I don't trust myself around a cheese board",
        "what's the point of this meeting honestly",
        "I'm done living in this flat, moving next month!",
        "thinking about jumping off the diving board this summer",
        "I'll finally find some peace at the spa this weekend",
        "I'm going to pass out from excitement, the tickets came",
        RAMBLE.format(risk="I should really get a plant or a cat or something."),
    ],
)
def test_everyday_text_with_the_same_words_stays_none(text):
    assert screen(text, "peer").crisis == "none"
