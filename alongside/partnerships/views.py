from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from alongside.accounts.access import consent_required
from alongside.matching.selectors import shared_intake_of
from alongside.partnerships.access import access_partnership


@login_required
@consent_required
def partnership_page(request, partnership_id):
    """The partnership's own page. Its peer and mentor see what the peer shared; a
    coordinator sees state and dates only; anyone else gets 404."""
    view = access_partnership(request.user, partnership_id)
    partnership = view.partnership
    context = {
        "view": view,
        "partnership": partnership,
        "is_peer": request.user.pk == partnership.peer_id,
        "shared": shared_intake_of(partnership.peer) if view.member else [],
    }
    return render(request, "partnerships/partnership.html", context)
