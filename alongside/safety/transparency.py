"""What a peer is told about the safety net, written once: the intake page and the crisis card
both show this sentence, so the promise and the moment never say different things."""

CRISIS_TRANSPARENCY = (
    "If something you write here suggests you may be in danger, you will see crisis lines "
    "straight away, and a program coordinator (not anyone outside the program) is told that "
    "your partnership needs attention; the same happens if your mentor writes back to you what "
    "you told them about being in danger, or writes something that could put you at risk. "
    "Coordinators are told so that they can check in "
    "with you, reading your messages only with a recorded reason, and contacting emergency "
    "services only if they believe your life is at immediate risk."
)
