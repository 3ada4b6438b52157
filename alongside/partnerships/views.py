from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alongside.accounts.access import consent_required, fresh_two_step_required, role_required
from alongside.accounts.models import Role
from alongside.intake.selectors import shared_intake_of
from alongside.partnerships.access import access_partnership, access_partnership_member
from alongside.partnerships.agreement import (
    agreement_for,
    mentor_boundaries_save,
    proposal_add,
    proposal_decide,
)
from alongside.partnerships.closing import (
    closing_complete,
    closing_plan_save,
    closing_propose,
    closing_reflection_save,
    partnership_end_by_coordinator,
    partnership_end_by_peer,
)
from alongside.partnerships.forms import (
    CancelMeetingForm,
    ClosingPlanForm,
    ClosingReflectionForm,
    CoordinatorEndForm,
    EndForm,
    MeetingForm,
    MeetingReflectionForm,
    PauseForm,
    RescheduleForm,
)
from alongside.partnerships.meetings import (
    REFLECTION_FIELDS,
    MeetingRefused,
    calendar_file,
    in_zone,
    local_to_utc,
    meeting_cancel,
    meeting_confirm,
    meeting_propose,
    meeting_reflection_save,
    meeting_reschedule,
    meetings_for,
    reflection_of,
)
from alongside.partnerships.models import Meeting
from alongside.partnerships.selectors import closing_context, unseen_notices
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
        "agreement": agreement_for(view) if view.member else None,
    }
    if view.member:
        upcoming, past = meetings_for(view, request.user)
        context.update(upcoming_meetings=upcoming, past_meetings=past,
                       meeting_form=MeetingForm(),
                       durations=RescheduleForm.base_fields["duration"].choices,
                       my_zone=request.user.zone.key)  # fmt: skip
    if view.member and partnership.state in ("closing", "closed"):
        context.update(closing_context(partnership, request.user))
        plan = context["plan"]
        context["plan_form"] = ClosingPlanForm(
            initial={"last_meeting": plan.last_meeting, "take_forward": plan.take_forward,
                     "community_groups": plan.community_groups} if plan else None
        )  # fmt: skip
        mine = context["my_reflection"]
        context["reflection_form"] = ClosingReflectionForm(
            initial={"text": mine.text, "shared": mine.shared} if mine else None
        )
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


# --- Closing, ending ---------------------------------------------------------------------


def _run(request, partnership_id, action, success: str):
    try:
        action()
    except IllegalTransition as refused:
        flash.error(request, str(refused))
    else:
        flash.success(request, success)
    return _back(partnership_id)


@login_required
@consent_required
@require_POST
def close_propose(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    return _run(
        request, partnership_id,
        lambda: closing_propose(partnership=view.partnership, by=request.user),
        "Closing is proposed. Messages are closed; you can plan how to end well together.",
    )  # fmt: skip


@login_required
@consent_required
@require_POST
def closing_plan(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    form = ClosingPlanForm(request.POST)
    if not form.is_valid():
        flash.error(request, _errors(form))
        return _back(partnership_id)
    data = form.cleaned_data
    return _run(
        request, partnership_id,
        lambda: closing_plan_save(
            partnership=view.partnership, by=request.user, last_meeting=data["last_meeting"],
            take_forward=data["take_forward"], community_groups=data["community_groups"],
        ),
        "Your closing plan is saved.",
    )  # fmt: skip


@login_required
@consent_required
@require_POST
def close(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    return _run(
        request, partnership_id,
        lambda: closing_complete(partnership=view.partnership, by=request.user),
        "Your partnership is closed. Thank you both; everything here stays for you to read.",
    )  # fmt: skip


@login_required
@consent_required
@require_POST
def closing_reflection(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    form = ClosingReflectionForm(request.POST)
    if not form.is_valid():
        flash.error(request, _errors(form))
        return _back(partnership_id)
    data = form.cleaned_data
    shared = data["shared"]
    return _run(
        request, partnership_id,
        lambda: closing_reflection_save(
            partnership=view.partnership, by=request.user, text=data["text"], shared=shared
        ),
        "Your reflection is saved" + (" and shared." if shared else ", just for you."),
    )  # fmt: skip


@login_required
@consent_required
@require_http_methods(["GET", "POST"])
def end(request, partnership_id):
    """The peer ends the partnership now; blocking and a concern are offered, never asked."""
    view = access_partnership_member(request.user, partnership_id)
    if not view.is_peer:
        raise Http404("No such page.")
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            partnership_end_by_peer(
                partnership=view.partnership, by=request.user, block=data["block"],
                concern=data["concern"],
            )  # fmt: skip
        except IllegalTransition as refused:
            flash.error(request, str(refused))
            return _back(partnership_id)
        words = "Your partnership has ended. You can choose a new mentor whenever you are ready."
        if data["concern"].strip():
            words += " The coordinators have your message."
        flash.success(request, words)
        return redirect("home")
    context = {"view": view, "form": form, "partnership": view.partnership}
    return render(request, "partnerships/end.html", context)


@role_required(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
@fresh_two_step_required(allow_get=True)
def coordinator_end(request, partnership_id):
    """A coordinator ends a partnership for safety or conduct, with a recorded reason."""
    view = access_partnership(request.user, partnership_id)
    form = CoordinatorEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partnership_end_by_coordinator(
                partnership=view.partnership, coordinator=request.user,
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except IllegalTransition as refused:
            flash.error(request, str(refused))
        else:
            flash.success(request, "The partnership has ended; both people have been told.")
        return _back(partnership_id)
    context = {"view": view, "form": form, "partnership": view.partnership}
    return render(request, "partnerships/coordinator_end.html", context)


# --- The agreement -------------------------------------------------------------------------


@login_required
@consent_required
@require_POST
def agreement_boundaries(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    return _run(
        request, partnership_id,
        lambda: mentor_boundaries_save(view=view, by=request.user,
                                       text=request.POST.get("text", "")),
        "Your boundaries are saved; your peer can see them.",
    )  # fmt: skip


@login_required
@consent_required
@require_POST
def agreement_propose(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    return _run(
        request, partnership_id,
        lambda: proposal_add(view=view, by=request.user, part=request.POST.get("part", ""),
                             text=request.POST.get("text", "")),
        "Your proposal is waiting for your peer; it is added only if they accept it.",
    )  # fmt: skip


@login_required
@consent_required
@require_POST
def agreement_decide(request, partnership_id, proposal_id):
    view = access_partnership_member(request.user, partnership_id)
    choice = request.POST.get("accept")
    if choice not in ("0", "1"):
        flash.error(request, "That choice was not understood; nothing was changed.")
        return _back(partnership_id)
    return _run(
        request, partnership_id,
        lambda: proposal_decide(view=view, by=request.user, proposal_id=proposal_id,
                                accept=choice == "1"),
        "Added to your plan." if choice == "1" else "Not added. That is your call.",
    )  # fmt: skip


# --- Meetings --------------------------------------------------------------------------------


def _errors(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


def _remember_browser_zone(user, posted: str) -> None:
    """A person with no time zone yet takes their browser's, the first time they plan."""
    from alongside.accounts.forms import available_zones

    if not user.time_zone and posted in available_zones():
        user.time_zone = posted
        user.save(update_fields=["time_zone"])


@login_required
@consent_required
@require_POST
def meeting_propose_view(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        flash.error(request, _errors(form) + " Nothing was changed.")
        return _back(partnership_id)
    data = form.cleaned_data
    _remember_browser_zone(request.user, data["time_zone"])

    def propose():
        starts_at = local_to_utc(data["day"], data["at"], request.user.zone)
        return meeting_propose(
            view=view, by=request.user, starts_at=starts_at, duration=data["duration"],
            mode=data["mode"], place=data["place"], note=data["note"],
        )  # fmt: skip

    return _run(request, partnership_id, propose,
                f"Your proposal is sent; {'your mentor' if view.is_peer else 'your peer'} "
                "will confirm or suggest another time.")  # fmt: skip


@login_required
@consent_required
@require_POST
def meeting_answer(request, partnership_id, meeting_id):
    view = access_partnership_member(request.user, partnership_id)
    action = request.POST.get("action")
    if action == "confirm":
        return _run(request, partnership_id,
                    lambda: meeting_confirm(view=view, by=request.user, meeting_id=meeting_id),
                    "Confirmed. It is in your upcoming meetings.")  # fmt: skip
    if action == "cancel":
        form = CancelMeetingForm(request.POST)
        if not form.is_valid():
            flash.error(request, _errors(form) + " Nothing was changed.")
            return _back(partnership_id)
        return _run(request, partnership_id,
                    lambda: meeting_cancel(view=view, by=request.user, meeting_id=meeting_id,
                                           note=form.cleaned_data["note"]),
                    "The meeting is cancelled; the other person is told.")  # fmt: skip
    if action == "reschedule":
        form = RescheduleForm(request.POST)
        if not form.is_valid():
            flash.error(request, _errors(form) + " Nothing was changed.")
            return _back(partnership_id)
        data = form.cleaned_data

        def move():
            starts_at = local_to_utc(data["day"], data["at"], request.user.zone)
            return meeting_reschedule(view=view, by=request.user, meeting_id=meeting_id,
                                      starts_at=starts_at, duration=data["duration"])  # fmt: skip

        return _run(request, partnership_id, move,
                    "Your suggested time is sent; it waits for the other person.")  # fmt: skip
    flash.error(request, "That choice was not understood; nothing was changed.")
    return _back(partnership_id)


@login_required
@consent_required
@require_GET
def meeting_calendar(request, partnership_id, meeting_id):
    view = access_partnership_member(request.user, partnership_id)
    meeting = Meeting.objects.filter(partnership=view.partnership, pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    response = HttpResponse(calendar_file(meeting, request.user), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@consent_required
@require_http_methods(["GET", "POST"])
def meeting_reflection(request, partnership_id, meeting_id):
    """The mentor's private reflection after a meeting."""
    view = access_partnership_member(request.user, partnership_id)
    if view.is_peer:
        raise Http404("No such page.")
    meeting = Meeting.objects.filter(partnership=view.partnership, pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting.")
    existing = reflection_of(meeting, request.user)
    initial = None
    if existing:
        initial = {name: getattr(existing, name) for name in REFLECTION_FIELDS}
        initial["share"] = existing.shared_for_supervision_at is not None
    form = MeetingReflectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_reflection_save(
                view=view,
                by=request.user,
                meeting_id=meeting.pk,
                data=form.cleaned_data,
                share=form.cleaned_data["share"],
            )
        except MeetingRefused as refused:
            flash.error(request, str(refused))
        else:
            flash.success(request, "Your reflection is saved.")
            return _back(partnership_id)
    context = {"view": view, "partnership": view.partnership, "meeting": meeting, "form": form,
               "local_start": in_zone(meeting.starts_at, request.user)}  # fmt: skip
    return render(request, "partnerships/meeting_reflection.html", context)
