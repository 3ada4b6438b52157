from django.conf import settings
from django.utils.functional import SimpleLazyObject

from alongside.safety.selectors import footer_crisis_lines
from alongside.safety.transparency import CRISIS_TRANSPARENCY


def crisis_transparency(request) -> dict:
    """The safety-net sentence for any template (intake sits below safety and cannot import it)."""
    return {"crisis_transparency": CRISIS_TRANSPARENCY}


def crisis_line(request) -> dict:
    """The footer's crisis lines: the directory's for the signed-in person's region (cached:
    no table is read on a page view), and the program's own line (a setting)."""
    user = getattr(request, "user", None)
    region = user.region if user is not None and user.is_authenticated else ""
    return {
        "program_crisis_line": settings.PROGRAM_CRISIS_LINE,
        "footer_crisis_lines": SimpleLazyObject(lambda: footer_crisis_lines(region)),
    }
