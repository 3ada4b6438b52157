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


def bulk_matchable_mentors(count, *, start=0, **profile):
    """Many matchable mentors in a handful of queries (for query-count tests)."""
    from alongside.accounts.models import RoleAssignment, User
    from alongside.matching.models import MentorProfile
    from alongside.training.models import ApplicationStatus, CodeSignature, MentorApplication
    from alongside.training.selectors import current_code_version

    users = User.objects.bulk_create(
        User(email=f"mentor{start + i}@example.org", display_name=f"Mentor {start + i}")
        for i in range(count)
    )
    RoleAssignment.objects.bulk_create(RoleAssignment(user=u, role="mentor") for u in users)
    MentorApplication.objects.bulk_create(
        MentorApplication(mentor=u, status=ApplicationStatus.APPROVED) for u in users
    )
    CodeSignature.objects.bulk_create(
        CodeSignature(mentor=u, version=current_code_version(), typed_name="M") for u in users
    )
    fields = {**COMPLETE, "is_complete": True, **profile}
    fields.pop("caseload_cap")
    MentorProfile.objects.bulk_create(
        MentorProfile(mentor=u, caseload_cap=2, **fields) for u in users
    )
    return users
