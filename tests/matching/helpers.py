from alongside.matching.services import mentor_profile_save

COMPLETE = {
    "about_me": "I like long walks and honest talks.",
    "lived_experience": ["bulimia", "body_image"],
    "languages": ["en"],
    "meeting_modes": ["chat", "video"],
    "availability": ["mon-evening", "sat-morning"],
    "caseload_cap": 2,
}


def complete_profile(mentor, **changes):
    return mentor_profile_save(mentor=mentor, data={**COMPLETE, **changes})


def make_matchable(mentor, coordinator, **changes):
    """Walk a mentor through training and approval, then complete their profile."""
    from alongside.training.services import application_decide, application_submit
    from tests.training.helpers import complete_pathway

    complete_pathway(mentor)
    application_submit(mentor=mentor)
    application_decide(mentor=mentor, by=coordinator, decision="approve", reason="Ready")
    return complete_profile(mentor, **changes)
