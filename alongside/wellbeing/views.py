from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alongside.accounts.access import consent_required, role_required
from alongside.accounts.models import Role
from alongside.core.forms import int_or_none
from alongside.wellbeing.access import access_partnership_as_mentor, access_support_request
from alongside.wellbeing.selectors import requests_of, support_queue
from alongside.wellbeing.services import SupportError, support_request_handle, support_request_open


@role_required(Role.MENTOR)
@consent_required
@require_http_methods(["GET", "POST"])
def call_for_assistance(request):
    """One tap from the conversation (with the partnership attached), or this page, for help
    with a peer or for the mentor themselves."""
    if request.method == "POST":
        partnership = None
        if request.POST.get("partnership"):
            partnership = access_partnership_as_mentor(
                request.user, int_or_none(request.POST["partnership"])
            )
        try:
            support_request_open(
                mentor=request.user, partnership=partnership, note=request.POST.get("note", "")
            )
        except SupportError as exc:
            messages.error(request, str(exc))
            return redirect("call_for_assistance")
        messages.success(
            request,
            "A coordinator has been asked to get in touch with you. You did the right thing.",
        )
        if partnership is not None:
            return redirect("conversation", partnership_id=partnership.pk)
        return redirect("call_for_assistance")
    return render(request, "wellbeing/assistance.html", {"requests": requests_of(request.user)})


@role_required(Role.COORDINATOR)
def support_requests(request):
    return render(request, "wellbeing/support_requests.html", {"rows": support_queue()[:200]})


@role_required(Role.COORDINATOR)
@require_POST
def support_request_taken_up(request, request_id):
    support_request = access_support_request(request.user, request_id)
    try:
        support_request_handle(support_request=support_request, by=request.user)
    except SupportError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"You have taken up {support_request.mentor.display_name}'s request."
        )
    return redirect("support_requests")
