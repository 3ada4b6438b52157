from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from alongside.accounts.access import consent_required, fresh_two_step_required, role_required
from alongside.accounts.forms import AccessReasonForm
from alongside.accounts.models import Role
from alongside.matching.access import (
    access_matchable_mentor,
    access_request_as_coordinator,
    access_request_as_mentor,
    access_request_as_peer,
)
from alongside.matching.coach import coach_notes
from alongside.matching.forms import (
    DeclineForm,
    MentorFilterForm,
    MentorProfileForm,
    MentorRequestForm,
)
from alongside.matching.models import RequestStatus
from alongside.matching.selectors import (
    incoming_requests,
    peer_overview,
    profile_for,
    public_profile,
    request_as_mentor_sees,
    requests_for_coordinators,
    suggestions_for,
)
from alongside.matching.services import (
    MatchingError,
    decline_reason_open,
    mentor_profile_save,
    mentor_request_accept,
    mentor_request_create,
    mentor_request_decline,
    mentor_request_withdraw,
    waitlist_join,
    waitlist_leave,
)

mentor_page = role_required(Role.MENTOR)

_PREVIEW_LABELS = {
    "display_name": "Name",
    "pronouns": "Pronouns",
    "about_me": "About me",
    "lived_experience": "Lived experience",
    "languages": "Languages",
    "meeting_modes": "Ways to meet",
    "region": "Region",
    "availability": "Availability",
    "gender": "Gender",
    "age_range": "Age range",
    "lgbtq2s": "LGBTQ2S+",
    "culture": "Culture",
}


def _preview_rows(shown: dict) -> list[tuple[str, str]]:
    rows = []
    for key, value in shown.items():
        if isinstance(value, list):
            value = ", ".join(value)
        elif value is True:
            value = "Yes"
        rows.append((_PREVIEW_LABELS[key], value or "—"))
    return rows


@mentor_page
@consent_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    """A mentor edits only their own profile: the URL carries no id and none is read."""
    profile = profile_for(request.user)
    form = MentorProfileForm(request.POST or None, initial=MentorProfileForm.initial_from(profile))
    notes = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            profile = mentor_profile_save(mentor=request.user, data=form.cleaned_data)
            notes = coach_notes(profile.about_me)
            messages.success(request, "Your mentor profile is saved.")
        else:
            status = 400
    context = {
        "form": form,
        "profile": profile,
        "notes": notes,
        "preview": _preview_rows(public_profile(profile)) if profile.pk else None,
    }
    return render(request, "matching/profile.html", context, status=status)


@mentor_page
@consent_required
@require_POST
def profile_coach(request):
    """The coach's notes on the "about me" text as it is typed (htmx partial)."""
    notes = coach_notes(request.POST.get("about_me", "")[:1500])
    return render(request, "matching/_coach_notes.html", {"notes": notes})


# --- Peers ----------------------------------------------------------------------------------

peer_page = role_required(Role.PEER)
coordinator_page = role_required(Role.COORDINATOR)


@peer_page
@consent_required
def mentor_list(request):
    """Suggested mentors with reasons; the filters narrow them for this view only."""
    filters = MentorFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    context = {
        "filters": filters,
        "filtered": any(chosen.values()),
        "suggestions": suggestions_for(
            request.user, mode=chosen.get("mode", ""), language=chosen.get("language", "")
        ),
        **peer_overview(request.user),
    }
    return render(request, "matching/mentor_list.html", context)


@peer_page
@consent_required
def mentor_detail(request, mentor_id):
    profile = access_matchable_mentor(request.user, mentor_id)
    context = {
        "mentor_id": profile.mentor_id,
        "rows": _preview_rows(public_profile(profile)),
        "name": profile.mentor.display_name,
        "form": MentorRequestForm(),
        **peer_overview(request.user),
    }
    return render(request, "matching/mentor_detail.html", context)


@peer_page
@consent_required
@require_http_methods(["GET", "POST"])
def request_preview(request, mentor_id):
    """Before sending, the peer sees the request exactly as the mentor will receive it (the
    same partial the mentor's requests page uses) and can change the note or what they share."""
    profile = access_matchable_mentor(request.user, mentor_id)
    overview = peer_overview(request.user)
    if overview["pending_request"] or overview["current_partnership"]:
        return redirect("peer_mentor", mentor_id=profile.mentor_id)
    form = MentorRequestForm(request.POST or None)
    valid = request.method == "GET" or form.is_valid()
    note = form.cleaned_data["note"] if request.method == "POST" and valid else ""
    mentor_request, shared = request_as_mentor_sees(request.user, profile.mentor, note)
    context = {
        "mentor_id": profile.mentor_id,
        "name": profile.mentor.display_name,
        "form": form if request.method == "POST" else MentorRequestForm(),
        "valid": valid,
        "mentor_request": mentor_request,
        "shared": shared,
    }
    return render(request, "matching/request_preview.html", context, status=200 if valid else 400)


@peer_page
@consent_required
@require_POST
def request_create(request, mentor_id):
    profile = access_matchable_mentor(request.user, mentor_id)
    form = MentorRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please keep your note to 1000 characters.")
        return redirect("peer_mentor", mentor_id=profile.mentor_id)
    try:
        mentor_request_create(
            peer=request.user, mentor_id=profile.mentor_id, note=form.cleaned_data["note"]
        )
    except MatchingError as exc:
        messages.error(request, str(exc))
        return redirect("peer_mentor", mentor_id=profile.mentor_id)
    messages.success(
        request,
        f"Your request is with {profile.mentor.display_name}. You will hear back here; "
        "you can withdraw it at any time.",
    )
    return redirect("peer_home")


@peer_page
@consent_required
@require_POST
def request_withdraw(request, request_id):
    mentor_request = access_request_as_peer(request.user, request_id)
    try:
        mentor_request_withdraw(peer=request.user, mentor_request=mentor_request)
    except MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your request is withdrawn. You can choose again when ready.")
    return redirect("peer_home")


@peer_page
@consent_required
@require_POST
def waitlist(request):
    if request.POST.get("action") == "leave":
        waitlist_leave(peer=request.user)
        messages.success(request, "You are off the waiting list.")
    else:
        waitlist_join(peer=request.user)
        messages.success(
            request, "We will let you know here and by email when a mentor who fits is free."
        )
    return redirect("peer_home")


# --- Mentors --------------------------------------------------------------------------------


@mentor_page
@consent_required
def incoming(request, decline_form=None, status=200):
    context = {
        "incoming": incoming_requests(request.user),
        "decline_form": decline_form,
        "blank_decline_form": DeclineForm(),
        "expiry_days": settings.MENTOR_REQUEST_EXPIRY_DAYS,
    }
    return render(request, "matching/incoming.html", context, status=status)


@mentor_page
@consent_required
@require_POST
def request_accept(request, request_id):
    mentor_request = access_request_as_mentor(request.user, request_id)
    try:
        partnership = mentor_request_accept(mentor=request.user, mentor_request=mentor_request)
    except MatchingError as exc:
        messages.error(request, str(exc))
        return redirect("mentor_requests")
    messages.success(request, "You accepted. Welcome to your new partnership.")
    return redirect("partnership", partnership_id=partnership.pk)


@mentor_page
@consent_required
@require_POST
def request_decline(request, request_id):
    mentor_request = access_request_as_mentor(request.user, request_id)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        form.request_id = mentor_request.pk
        return incoming(request, decline_form=form, status=400)
    try:
        mentor_request_decline(
            mentor=request.user, mentor_request=mentor_request, reason=form.cleaned_data["reason"]
        )
    except MatchingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "You declined. The peer is told kindly and can choose again.")
    return redirect("mentor_requests")


# --- Coordinators ---------------------------------------------------------------------------


@coordinator_page
def coordinator_requests(request):
    return render(
        request, "matching/coordinator_requests.html", {"rows": requests_for_coordinators()}
    )


@coordinator_page
def coordinator_request_detail(request, request_id, reason_form=None, status=200):
    """Metadata; for a declined request, a form to ask for the mentor's reason."""
    mentor_request = access_request_as_coordinator(request.user, request_id)
    context = {
        "row": mentor_request,
        "declined": mentor_request.status == RequestStatus.DECLINED,
        "reason_form": reason_form or AccessReasonForm(),
    }
    return render(request, "matching/coordinator_request_detail.html", context, status=status)


@coordinator_page
@require_POST
@fresh_two_step_required
def coordinator_decline_reason(request, request_id):
    """The mentor's reason for declining, shown once the coordinator has written why they
    need it and given a fresh authenticator code; each reading is audited."""
    mentor_request = access_request_as_coordinator(request.user, request_id)
    form = AccessReasonForm(request.POST)
    if mentor_request.status != RequestStatus.DECLINED or not form.is_valid():
        return coordinator_request_detail(request, request_id, reason_form=form, status=400)
    reason = decline_reason_open(
        coordinator=request.user, mentor_request=mentor_request, reason=form.cleaned_data["reason"]
    )
    context = {"row": mentor_request, "reason": reason}
    return render(request, "matching/coordinator_decline_reason.html", context)
