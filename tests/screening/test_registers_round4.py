"""The fourth round's situations: what real crisis posts and the development sets still missed.

Each situation is checked as a short chat line, in slang, as a title run into its body or
inside a long post, next to everyday text that uses the same words and must stay `none`. The
messages are written for these tests; none is taken from real posts.
"""

import pytest

from alongside.screening import screen
from tests.screening.test_registers import LEVELS, RAMBLE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a question to the reader does not make the risk someone else's
        ("do you reckon a painless method of suicide even exists", "urgent"),
        ("can I ask you what the easiest way to kill myself is", "urgent"),
        # stacked combining marks
        ("gonna k\u0337i\u0337l\u0337l\u0337 myself", "urgent"),
        # regret that it did not work
        ("honestly I should've jumped that night", "urgent"),
        ("woke up in a&e. wish it had worked", "urgent"),
        # life as a closing book
        ("think i'm closing the book on my life", "concern"),
        # notes and goodbyes
        ("Started writing my note tonight", "urgent"),
        (RAMBLE.format(risk="I've written my notes to everyone, they're in a drawer."), "urgent"),
        # a way out, a height, the body afterwards
        ("does anyone know an easy way out, I'm done", "urgent"),
        ("would the top floor of my uni be high enough", "urgent"),
        # hoping not to wake, and hope given up
        ("every night i pray god takes me in my sleep", "concern"),
        ("lowkey hoping a bus hits me on the way to college", "concern"),
        ("no hope left for me tbh", "concern"),
        # feeling too much for others
        ("i'm more trouble than i'm worth to my family", "concern"),
        (RAMBLE.format(risk="they'd all be less stressed if i wasn't around."), "concern"),
        # restriction and purging told by amounts and shorthand
        ("just a rice cake since tuesday", "concern"),
        ("b/p'd again after tea", "concern"),
        ("been using senna every night", "concern"),
        # the body in danger, told plainly
        ("ngl i haven't eaten or drank anything since saturday", "urgent"),
        ("kept going grey and then i was on the ground in the kitchen", "urgent"),
        ("sick came up dark like coffee grounds", "urgent"),
        ("my words keep coming out wrong and i don't know what day it is", "urgent"),
        # preparations told without naming the act
        ("picked the date. the 3rd. feels right to go then", "urgent"),
        ("ive got everything i need, it's all in my bag ready", "urgent"),
        ("the plan is the railway line near work, friday night", "urgent"),
        ("my brother's gun is in his wardrobe and i know the code", "urgent"),
        ("been saving my tablets in a tin, nearly enough now", "urgent"),
        ("if i don't log on tomorrow it's because i'm gone", "urgent"),
        # the third pass: passive wishes and burden in everyday words, purging told indirectly
        ("honestly I'd be fine if my eyes never opened again", "concern"),
        ("the group chat would be way calmer without me", "concern"),
        ("ive been getting rid of my dinner every night", "concern"),
        ("my flatmate found my laxative stash", "concern"),
        ("purging has crept back in since friday", "concern"),
        ("periods stopped like 4 months ago", "concern"),
        ("they want me to go inpatient and i said no", "concern"),
        # and plans and emergencies told in a few words
        ("im so tired. im taking all of them now", "urgent"),
        ("the noose is up", "urgent"),
        ("when the fast one comes through that's it", "urgent"),
        ("just wanted to say bye properly", "urgent"),
        ("no liquids stay in, been like this since last night", "urgent"),
        ("chest is burning and aching and i dont think its heartburn", "urgent"),
        # the model's concern plus a time set
        ("there's nothing left for me so tonight i'm doing it", "urgent"),
    ],
)
def test_each_situation_is_raised_in_its_registers(text, level):
    assert LEVELS.index(screen(text, "peer").crisis) >= LEVELS.index(level), text


@pytest.mark.parametrize(
    "text",
    [
        "do you think this would be a nice place for a picnic?",
        "should have jumped at that job offer",
        "closing the book on my time at the bakery",
        "writing a thank you note to my gran",
        "is there an easy way out of this phone contract",
        "is the ladder high enough to reach the gutter",
        "hoping tomorrow doesn't come so I can skip the exam lol",
        "the dog had half a banana since friday lol",
        "my bp reading was fine at the gp",
        "my mum had a fit when she saw my room lol",
        "the room spins when I stand, too much wine last night",
        "going to the bridge after work to take sunset photos",
        "see you on the other side of the exams!",
        "if i don't log on tomorrow it's because i'm camping with no signal",
        "alarm set for 5am, flight at 8 so that's when we leave",
        "my ponytail is half as thick as it used to be since the haircut lol",
        "lost all hope for my team this season",
        "Rightists would have a seizure if he did that",
        "my chest hurts from coughing with this cold",
        "how do you get over a breakup",
        "the cuts i made to the script are deeper than ever",
        "the vet wants me to bring the dog in and i said no lol",
        "got rid of my old dinner table finally",
        "jumping off the pier into the sea at the holiday park!",
        "imagine if he said it. his fans would have a heart attack.",
    ],
)
def test_everyday_look_alikes_stay_none(text):
    assert screen(text, "peer").crisis == "none", text
