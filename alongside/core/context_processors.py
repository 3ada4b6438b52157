from django.conf import settings


def program(request) -> dict:
    """The program's name and how to reach it, for every page (the header, titles, help)."""
    return {
        "program_name": settings.PROGRAM_NAME,
        "program_contact": {
            "email": settings.PROGRAM_CONTACT_EMAIL,
            "phone": settings.PROGRAM_CONTACT_PHONE,
            "hours": settings.PROGRAM_CONTACT_HOURS,
        },
    }
