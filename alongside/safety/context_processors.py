from django.conf import settings

from alongside.safety.selectors import crisis_resources_for
from alongside.safety.transparency import CRISIS_TRANSPARENCY


def crisis_transparency(request) -> dict:
    """The safety-net sentence for any template (intake sits below safety and cannot import it)."""
    return {"crisis_transparency": CRISIS_TRANSPARENCY}


# The footer names at most this many lines; the resources page lists them all.
FOOTER_LINES = 2


def crisis_line(request) -> dict:
    """The crisis lines the footer names: the directory's for the person's region (their
    account's region; national lines when it has none), else the program's own line."""
    user = getattr(request, "user", None)
    region = user.region if user is not None and user.is_authenticated else ""
    return {
        "footer_crisis_lines": crisis_resources_for(region)[:FOOTER_LINES],
        "program_crisis_line": settings.PROGRAM_CRISIS_LINE,
    }
