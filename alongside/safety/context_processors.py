from alongside.safety.transparency import CRISIS_TRANSPARENCY


def crisis_transparency(request) -> dict:
    """The safety-net sentence for any template (intake sits below safety and cannot import it)."""
    return {"crisis_transparency": CRISIS_TRANSPARENCY}
