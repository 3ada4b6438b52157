from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from alongside.accounts.access import consent_required
from alongside.intake.selectors import shared_intake_of
from alongside.partnerships.access import access_partnership, access_partnership_member
from alongside.partnerships.forms import PauseForm
from alongside.partnerships.selectors import unseen_notices
from alongside.partnerships.services import (
    IllegalTransition,
    notices_mark_seen,
    partnership_pause,
    partnership_resume,
)


@login_required
@consent_required
def partnership_page(request, partnership_id):
    """The partnership's own page; `access_partnership` decides how much each person sees."""
    view = access_partnership(request.user, partnership_id)
    partnership = view.partnership
    notices = unseen_notices(partnership, request.user) if view.member else []
    context = {
        "view": view,
        "partnership": partnership,
        "is_peer": view.is_peer,
        "shared": shared_intake_of(partnership.peer) if view.live_intake else [],
        "notices": notices,
        "pause_form": PauseForm(),
    }
    response = render(request, "partnerships/partnership.html", context)
    if notices:
        notices_mark_seen(partnership=partnership, person=request.user)
    return response


def _back(partnership_id):
    return redirect("partnership", partnership_id=partnership_id)


@login_required
@consent_required
@require_POST
def step_back(request, partnership_id):
    """Pause: one tap for the peer, no reason asked; a mentor may leave a private note."""
    view = access_partnership_member(request.user, partnership_id)
    form = PauseForm(request.POST)
    if not form.is_valid():
        flash.error(request, " ".join(form.errors["note"]))
        return _back(partnership_id)
    try:
        partnership_pause(
            partnership=view.partnership, by=request.user, note=form.cleaned_data["note"]
        )
    except IllegalTransition as refused:
        flash.error(request, str(refused))
    else:
        flash.success(request, "Your partnership is paused. Everything is kept as it was.")
    return _back(partnership_id)


@login_required
@consent_required
@require_POST
def resume(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    try:
        partnership_resume(partnership=view.partnership, by=request.user)
    except IllegalTransition as refused:
        flash.error(request, str(refused))
    else:
        flash.success(request, "Welcome back: your conversation is open again.")
    return _back(partnership_id)
