"""The peer's own intake, in short steps. No URL carries an id and none is read: a peer only
ever reaches their own intake."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from alongside.accounts.access import consent_required, role_required
from alongside.accounts.models import Role
from alongside.intake.forms import STEP_INTROS, IntakeStepForm, review
from alongside.intake.models import PeerIntake, Step
from alongside.intake.selectors import intake_for
from alongside.intake.services import intake_save

STEPS = list(Step)
SAVED_WHOLE = "Your answers are saved. You can change them at any time."


def own_intake(view):
    """Every intake page: a peer who has accepted the privacy statement, on their own intake."""
    return role_required(Role.PEER)(consent_required(view))


@own_intake
@require_GET
def intake(request):
    """Pick up where the peer left off: the first step not yet saved, or the review."""
    step = intake_for(request.user).first_unsaved_step()
    if step is None:
        return redirect("peer_intake_review")
    return redirect("peer_intake_step", step=step.value)


@own_intake
@require_http_methods(["GET", "POST"])
def intake_step(request, step):
    try:
        step = Step(step)
    except ValueError:
        raise Http404("There is no such step.") from None
    existing = intake_for(request.user)
    # An empty step is a valid answer (every question is optional): bind on POST, not on data.
    data = request.POST if request.method == "POST" else None
    form = IntakeStepForm(step, data, initial=IntakeStepForm.initial_from(existing))
    if request.method == "POST":
        if form.is_valid():
            was_complete = existing.pk is not None and existing.is_complete
            saved = intake_save(peer=request.user, data=form.intake_data(), step=step)
            return _after_save(request, step, saved, was_complete)
        return render(request, "intake/step.html", _step_context(step, form, existing), status=400)
    return render(request, "intake/step.html", _step_context(step, form, existing))


@own_intake
@require_GET
def intake_review(request):
    existing = intake_for(request.user)
    return render(
        request,
        "intake/review.html",
        {
            "review": review(existing),
            "total": len(STEPS),
            "saved_count": len(set(existing.steps_saved or ()) & set(Step.values)),
            "next_step": existing.first_unsaved_step(),
            "steps": _step_list(existing, current=None),
        },
    )


def _after_save(request, step: Step, intake: PeerIntake, was_complete: bool):
    if request.POST.get("then") == "later":
        resume = intake.first_unsaved_step()
        if resume is None:
            messages.success(request, SAVED_WHOLE)
        else:
            messages.success(
                request,
                "Your answers so far are saved. When you come back, you will pick up at "
                f"step {STEPS.index(resume) + 1} of {len(STEPS)}: {resume.label.lower()}.",
            )
        return redirect("peer_home")
    if intake.is_complete and not was_complete:
        messages.success(request, SAVED_WHOLE)
    following = STEPS.index(step) + 1
    if following < len(STEPS):
        return redirect("peer_intake_step", step=STEPS[following].value)
    return redirect("peer_intake_review")


def _step_context(step: Step, form: IntakeStepForm, intake: PeerIntake) -> dict:
    index = STEPS.index(step)
    back = reverse("peer_intake_step", args=[STEPS[index - 1].value]) if index else None
    return {
        "step": step,
        "number": index + 1,
        "total": len(STEPS),
        "intro": STEP_INTROS[step],
        "form": form,
        "back_url": back,
        "steps": _step_list(intake, current=step),
    }


def _step_list(intake: PeerIntake, current: Step | None) -> list[dict]:
    saved = set(intake.steps_saved or ())
    return [
        {"step": step, "number": n, "saved": step.value in saved, "current": step == current}
        for n, step in enumerate(STEPS, start=1)
    ]
