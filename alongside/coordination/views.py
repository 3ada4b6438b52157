"""The coordinator's console: the escalation queue, one escalation, the resource directory,
and the detailed health page. Views translate HTTP to one service or selector call."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alongside.accounts.access import fresh_two_step_required, role_required
from alongside.accounts.forms import AccessReasonForm
from alongside.accounts.models import Role
from alongside.coordination.forms import CrisisResourceForm, NoteForm, OutcomeForm
from alongside.coordination.selectors import (
    escalation_context_messages,
    escalation_queue,
    oldest_unacknowledged_urgent_age,
    oldest_unrun_task_age,
)
from alongside.partnerships.closing import concern_take_up
from alongside.partnerships.models import PartnershipConcern
from alongside.partnerships.services import IllegalTransition
from alongside.safety.access import access_crisis_resource, access_escalation
from alongside.safety.selectors import attempts_for, crisis_resources
from alongside.safety.services import (
    SafetyError,
    crisis_resource_save,
    crisis_resource_verify,
    escalation_acknowledge,
    escalation_note_add,
    escalation_open,
    escalation_outcome_record,
    escalation_resolve,
)

coordinator_page = role_required(Role.COORDINATOR)


# --- The escalation queue -------------------------------------------------------------------


@coordinator_page
def escalation_list(request):
    return render(request, "coordination/escalations.html", {"rows": escalation_queue()})


@coordinator_page
def escalation_rows(request):
    """The queue's rows alone, polled by htmx every few seconds (the no-socket fallback)."""
    return render(request, "coordination/_escalation_rows.html", {"rows": escalation_queue()})


@coordinator_page
def escalation_detail(request, escalation_id, forms=None, status=200):
    """Metadata and the coordinator's moves; nothing private until opened with a reason."""
    escalation = access_escalation(request.user, escalation_id)
    context = {
        "escalation": escalation,
        "attempts": attempts_for(escalation),
        "reason_form": AccessReasonForm(),
        "note_form": NoteForm(),
        "outcome_form": OutcomeForm(),
        **(forms or {}),
    }
    return render(request, "coordination/escalation_detail.html", context, status=status)


@coordinator_page
@require_POST
@fresh_two_step_required
def escalation_open_view(request, escalation_id):
    """The private side of an escalation, once the coordinator wrote why and gave a fresh
    authenticator code; each opening is audited with the reason kept encrypted."""
    escalation = access_escalation(request.user, escalation_id)
    form = AccessReasonForm(request.POST)
    if not form.is_valid():
        return escalation_detail(request, escalation_id, {"reason_form": form}, status=400)
    escalation_open(
        escalation=escalation, coordinator=request.user, reason=form.cleaned_data["reason"]
    )
    context = {
        "escalation": escalation,
        "context_messages": escalation_context_messages(escalation),
        "note_form": NoteForm(),
    }
    return render(request, "coordination/escalation_opened.html", context)


def _act(request, escalation_id, move, done: str):
    escalation = access_escalation(request.user, escalation_id)
    try:
        move(escalation)
    except SafetyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("coordinator_escalation", escalation_id=escalation.pk)


@coordinator_page
@require_POST
def escalation_acknowledge_view(request, escalation_id):
    return _act(
        request, escalation_id,
        lambda row: escalation_acknowledge(escalation=row, coordinator=request.user),
        "You acknowledged it. Other coordinators can see that you are looking after this.",
    )  # fmt: skip


@coordinator_page
@require_POST
def escalation_note_view(request, escalation_id):
    form = NoteForm(request.POST)
    if not form.is_valid():
        return escalation_detail(request, escalation_id, {"note_form": form}, status=400)
    return _act(
        request, escalation_id,
        lambda row: escalation_note_add(
            escalation=row, coordinator=request.user, text=form.cleaned_data["text"]
        ),
        "Your note is saved.",
    )  # fmt: skip


@coordinator_page
@require_POST
def escalation_outcome_view(request, escalation_id):
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        return escalation_detail(request, escalation_id, {"outcome_form": form}, status=400)
    return _act(
        request, escalation_id,
        lambda row: escalation_outcome_record(
            escalation=row, coordinator=request.user, outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
        ),
        "What was done is recorded.",
    )  # fmt: skip


@coordinator_page
@require_POST
def escalation_resolve_view(request, escalation_id):
    return _act(
        request, escalation_id,
        lambda row: escalation_resolve(escalation=row, coordinator=request.user),
        "The escalation is resolved and leaves the queue.",
    )  # fmt: skip


# --- The crisis resource directory ----------------------------------------------------------


@coordinator_page
def resource_list(request):
    return render(request, "coordination/resources.html", {"resources": crisis_resources()})


@coordinator_page
@require_http_methods(["GET", "POST"])
def resource_edit(request, resource_id=None):
    resource = access_crisis_resource(request.user, resource_id) if resource_id else None
    form = CrisisResourceForm(request.POST or None, instance=resource)
    if request.method == "POST":
        if form.is_valid():
            crisis_resource_save(
                coordinator=request.user, data=form.cleaned_data, resource=resource
            )
            messages.success(request, "The resource is saved.")
            return redirect("coordinator_resources")
        return render(
            request, "coordination/resource_form.html", {"form": form, "resource": resource},
            status=400,
        )  # fmt: skip
    return render(request, "coordination/resource_form.html", {"form": form, "resource": resource})


@coordinator_page
@require_POST
def resource_verify(request, resource_id):
    resource = access_crisis_resource(request.user, resource_id)
    crisis_resource_verify(coordinator=request.user, resource=resource)
    messages.success(request, f"{resource.name} is marked as verified today.")
    return redirect("coordinator_resources")


# --- Health ---------------------------------------------------------------------------------


@never_cache
def health_detail(request):
    """How far behind the background work is, so a stuck worker shows. Anyone (a monitor)
    sees the task queue's age; only coordinators and admins also see whether an urgent
    escalation waits unacknowledged, which says something about people in the program."""
    body = {"status": "ok", "oldest_unrun_task_seconds": oldest_unrun_task_age()}
    user = request.user
    if user.is_authenticated and (user.has_role(Role.COORDINATOR) or user.has_role(Role.ADMIN)):
        body["oldest_unacknowledged_urgent_escalation_seconds"] = oldest_unacknowledged_urgent_age()
    return JsonResponse(body)


@role_required(Role.COORDINATOR)
@require_GET
def concern_list(request):
    """Concerns peers raised about a partnership as they ended it, in their own words."""
    rows = PartnershipConcern.objects.select_related(
        "partnership__peer", "partnership__mentor", "taken_up_by"
    )[:200]
    return render(request, "coordination/concerns.html", {"rows": rows})


@role_required(Role.COORDINATOR)
@require_POST
def concern_taken_up(request, concern_id):
    try:
        concern_take_up(concern_id=concern_id, coordinator=request.user)
    except IllegalTransition as refused:
        raise Http404(str(refused)) from None
    messages.success(request, "You have taken up this concern.")
    return redirect("coordinator_concerns")
