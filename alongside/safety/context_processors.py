from django.conf import settings

from alongside.safety.transparency import CRISIS_TRANSPARENCY


def crisis_transparency(request) -> dict:
    """The safety-net sentence for any template (intake sits below safety and cannot import it)."""
    return {"crisis_transparency": CRISIS_TRANSPARENCY}


def crisis_line(request) -> dict:
    """The program's own crisis line for the footer (a setting). The footer links to the
    directory's lines for the person's region rather than reading them on every page."""
    return {"program_crisis_line": settings.PROGRAM_CRISIS_LINE}
