from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from alongside.accounts.access import consent_required
from alongside.intake.selectors import shared_intake_of
from alongside.partnerships.access import access_partnership


@login_required
@consent_required
def partnership_page(request, partnership_id):
    """The partnership's own page; `access_partnership` decides how much each person sees."""
    view = access_partnership(request.user, partnership_id)
    partnership = view.partnership
    context = {
        "view": view,
        "partnership": partnership,
        "is_peer": view.is_peer,
        "shared": shared_intake_of(partnership.peer) if view.live_intake else [],
    }
    return render(request, "partnerships/partnership.html", context)
