from django.shortcuts import render

from alongside.safety.selectors import crisis_resources_by_region


def resources(request):
    """The crisis resource directory, for anyone, signed in or not, and never rate limited."""
    return render(request, "safety/resources.html", {"regions": crisis_resources_by_region()})
