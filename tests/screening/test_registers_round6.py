"""The sixth round's situations: what blind set K missed, told as general situations.

Means told as ready, lethal doses looked up, a platform or an edge with its danger, a plan for
when nobody is home, belongings given away with a date, wondering whether anyone would notice,
laxatives escalating, the body's warning signs; and a mentor giving them back in more ways.
Every message is written for these tests.
"""

import pytest

from alongside.screening import build_engine, screen
from alongside.screening import context as ctx_mod
from tests.screening.test_registers import LEVELS, RAMBLE


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("rope's tied. the noose is ready", "urgent"),
        ("my pills are counted out on the bedside table", "urgent"),
        ("spent the night googling fatal doses of my sleeping tablets", "urgent"),
        ("how deep does a cut need to be to hit the artery", "urgent"),
        ("is helium painless?? need to know", "urgent"),
        ("sat on the edge of the multi storey. it's a long way down", "urgent"),
        ("on the platform now. the express trains go past so fast", "urgent"),
        ("doing it saturday when my parents are at the wedding", "urgent"),
        ("swallowed the whole strip of zopiclone and nobody's in", "urgent"),
        ("if anyone wants my records, i won't need any of them after friday", "urgent"),
        ("gonna catch the bus this weekend. i've decided", "urgent"),
        (RAMBLE.format(risk="The tablets are lined up and waiting."), "urgent"),
        ("would my family even care if i just didn't wake up", "concern"),
        ("nobody would even miss me tbh", "concern"),
        ("honestly i don't care if the ed kills me", "concern"),
        ("how many dulcolax is too many, 6 a night isn't doing anything", "concern"),
        ("my flatmate found the laxatives in my wardrobe", "concern"),
        ("my feet have been puffing up and my bloods said low potassium", "concern"),
        ("fingertips keep going purple and i bruise so easily now", "concern"),
        # goodbyes, plans with their time, the station, the body failing
        ("don't blame yourself when i'm gone ok. you did everything right", "urgent"),
        ("thanks for putting up with me. won't be on here after friday x", "urgent"),
        ("circled the date in my diary. sunday. feels like peace", "urgent"),
        ("when my dad goes to work tomorrow that's when i'm doing it", "urgent"),
        ("if i don't reply by tonight it's because i did it", "urgent"),
        ("sitting at the train station. waiting for the fast one", "urgent"),
        ("threw up 6 times, the last one it was blood", "urgent"),
        ("can't stand up without everything going black", "urgent"),
        ("doing it rn. sh. cant stop", "urgent"),
        ("wish i could sleep for a month and never come back", "concern"),
        ("i can't see that i'll ever get better", "concern"),
        ("i cut again last night", "concern"),
        ("been barely eating since the weekend", "concern"),
        ("skin's gone a bit orange and my hair keeps falling out", "concern"),
        # what blind set L missed, in other words
        ("how long would it take to bleed out, roughly", "urgent"),
        ("are 40 of my propranolol enough", "urgent"),
        ("how tall does a building have to be. asking seriously", "urgent"),
        ("top level of the car park. been here ages, working myself up to it", "urgent"),
        ("this'll be the last time i message so thank you for everything", "urgent"),
        ("decided. i've decided it's tomorrow", "urgent"),
        ("the tablets i've been stockpiling are in my bag", "urgent"),
        ("just held the lighter to my arm, it's bad", "urgent"),
        ("sick all afternoon and it looks like coffee grounds now", "urgent"),
        ("if a car hit me on the way home i wouldn't mind", "concern"),
        ("everyone would be happier if i just wasn't here", "concern"),
        ("i'd like to just fade away", "concern"),
        ("did a 10k on about 300 cals", "concern"),
    ],
)
def test_each_situation_is_raised_in_its_registers(text, level):
    assert LEVELS.index(screen(text, "peer").crisis) >= LEVELS.index(level), text


@pytest.mark.parametrize(
    "text",
    [
        "standing on the platform, the 8:14 is late again",
        "the trains go really fast between here and york",
        "planning it for friday when my parents are away, a surprise party for my sister",
        "would anyone notice if i wore trainers to the wedding",
        "my ankles swell on long flights, compression socks help",
        "I bruise easily because I bump into everything lol",
        "discharged from the eating disorder service!! last session was today 🎉",
        "died like 30 times on that boss fight",
        "five years free of purging now, it feels like another life",
        "gonna catch the bus this weekend to see my nan",
        "won't be on here after tonight, off to a festival with no signal",
        "that's when i'm doing it, the big spring clean",
        "i cut my fringe last night and regret it",
        "barely eaten since monday, this stomach bug is grim",
        "my skin's gone orange from the fake tan lol",
        "i overdosed on chocolate over christmas haha",
        "my mum is going to kill me for denting the car",
        "i would die for that cat honestly",
        "my cousin keeps saying 'kms' about his exams, teenagers eh",
        "i'd love to disappear to cornwall for a week",
        "it's been two years since i last purged and i'm proud of that",
    ],
)
def test_everyday_look_alikes_stay_none(text):
    assert screen(text, "peer").crisis == "none", text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("What I'm hearing is that you sometimes wish you could vanish.", "concern"),
        ("Hearing that you've taken 20 diazepam and nobody's home scares me.", "urgent"),
        ("When you say nobody would miss you, I hear how lonely it is.", "concern"),
        ("It sounds like you've set a date, the 9th, to end things.", "urgent"),
        ("You're saying the rope is ready?", "urgent"),
    ],
)
def test_a_mentor_giving_it_back_carries_its_level(text, level):
    result = screen(text, "mentor")
    assert result.reflected == level, text
    assert result.crisis == "none", text


def test_you_as_an_object_reads_me_in_the_first_person():
    context = build_engine().context
    said = "when you say nobody would miss you, i'm worried for you."
    told = ctx_mod.reflected_words(context, said)
    assert told == "when i say nobody would miss me, i'm worried for me."
    assert ctx_mod.reflected_words(context, "you said you want to stop") == "i said i want to stop"


def test_what_is_found_in_the_writers_own_drawer_is_theirs():
    # Someone else in the sentence does not make the laxatives someone else's.
    assert screen("my mum found the laxatives in my drawer", "peer").crisis == "concern"
    assert screen("my mum takes laxatives after her operation", "peer").crisis == "none"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("ran 5k this morning to burn off last night's curry", "food_morality"),
        ("that brownie is two miles of walking to burn off", "food_morality"),
        ("Feeling sorry for yourself won't get you anywhere.", "invalidating"),
        ("Happy thoughts only! 🌈", "invalidating"),
        ("Please ring 999 now and tell them what you took.", "directive"),
        ("I'm calling an ambulance for you right now.", "directive"),
        ("When the cravings hit, chew some gum and wait it out.", "directive"),
        ("Don't worry, you're a stick compared to me.", "body_talk"),
        ("I went from a size 8 to a 14 in recovery!", "body_talk"),
        ("Stop catastrophising, it's one biscuit.", "invalidating"),
        ("Porridge is such good clean fuel.", "food_morality"),
        ("I swapped dinner for a protein shake most nights back then.", "behaviour_detail"),
        ("Right, I'm taking this out of your hands and ringing them.", "directive"),
    ],
)
def test_coach_slips_in_new_words(text, category):
    assert category in {flag.category for flag in screen(text, "mentor").flags}, text


@pytest.mark.parametrize(
    "text",
    [
        "Call me if you need me, any time.",
        "Message me whenever you want to talk.",
        "Press play when you are ready and we'll watch it together.",
        "It sounds like the week was really heavy. I'm here.",
    ],
)
def test_kind_mentor_lines_get_no_directive(text):
    assert "directive" not in {flag.category for flag in screen(text, "mentor").flags}, text


@pytest.mark.parametrize(
    "text",
    [
        "I hear that you've been using laxatives most nights again.",
        "You mentioned the purging has picked up this week. That sounds exhausting.",
        "Thank you for telling me about the diet pills.",
        "Why are you still taking laxatives? Tell me what's going on.",
    ],
)
def test_naming_the_peers_purging_back_to_them_is_not_behaviour_detail(text):
    flags = screen(text, "mentor").flags
    assert "behaviour_detail" not in {flag.category for flag in flags}, text


@pytest.mark.parametrize(
    "text",
    [
        "I used laxatives for years, hid them in a vitamin bottle.",
        "I'd purge in the shower so nobody heard.",
        "You said you purge in the shower, I used to run the taps so nobody could hear.",
    ],
)
def test_a_mentors_own_purging_and_its_how_are_still_behaviour_detail(text):
    flags = screen(text, "mentor").flags
    assert "behaviour_detail" in {flag.category for flag in flags}, text


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("If you really want to do it, pills are probably the easiest way.", "urgent"),
        ("why not just do it then, if you're that sure", "urgent"),
        ("Honestly 900 a day is plenty for you.", "concern"),
        ("A 3-day water fast would reset you, try a 3-day fast.", "concern"),
        ("Drink lots first so it comes up easier.", "concern"),
    ],
)
def test_harm_a_mentor_urges_on_the_peer_is_the_peers_risk(text, level):
    result = screen(text, "mentor")
    assert result.reflected == level, text
    assert result.crisis == "none", text  # not the mentor's own crisis: no self-care path


def test_harm_urged_is_the_writers_own_risk_when_a_peer_writes_it():
    assert screen("just do it already", "peer").crisis == "urgent"
    assert screen("try eating 800 a day, it works", "peer").crisis != "none"


def test_harm_urged_quoted_from_someone_else_is_set_aside():
    said = 'my ex used to say "just do it already" whenever i cried'
    # the words are the ex's: the rules set them aside (the learned model is not asked here)
    engine = build_engine(with_model=False)
    assert engine.screen(said, "peer").crisis == "none"
