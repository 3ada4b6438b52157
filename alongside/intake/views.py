from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from alongside.accounts.access import consent_required, role_required
from alongside.accounts.models import Role
from alongside.intake.forms import IntakeForm
from alongside.intake.selectors import intake_for
from alongside.intake.services import intake_save


@role_required(Role.PEER)
@consent_required
@require_http_methods(["GET", "POST"])
def intake(request):
    """The peer's own intake: the URL carries no id and none is read."""
    existing = intake_for(request.user)
    # An empty form is a valid answer (every question is optional), so bind on POST, not on data.
    data = request.POST if request.method == "POST" else None
    form = IntakeForm(data, initial=IntakeForm.initial_from(existing))
    if request.method == "POST":
        if form.is_valid():
            intake_save(peer=request.user, data=form.intake_data())
            messages.success(request, "Your answers are saved. You can change them at any time.")
            return redirect("peer_mentors")
        return render(request, "intake/intake.html", {"form": form}, status=400)
    return render(request, "intake/intake.html", {"form": form, "intake": existing})
