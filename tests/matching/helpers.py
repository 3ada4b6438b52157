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
