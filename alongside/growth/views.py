from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from alongside.accounts.access import consent_required
from alongside.growth import services
from alongside.growth.models import GOAL_MAX, NOTE_MAX, GoalStatus
from alongside.growth.phrasing import REFRAME_QUESTION, is_moving_away
from alongside.growth.selectors import goals_for, strengths_for
from alongside.growth.services import GrowthRefused
from alongside.partnerships.access import access_partnership_member


@login_required
@consent_required
@require_GET
def growth(request, partnership_id):
    """Moving towards: the peer's goals, steps and progress, and the strengths noticed."""
    view = access_partnership_member(request.user, partnership_id)
    context = {
        "view": view,
        "partnership": view.partnership,
        "is_peer": view.is_peer,
        "other": view.partnership.mentor if view.is_peer else view.partnership.peer,
        "goals": goals_for(view),
        "strengths": strengths_for(view),
        "writable": view.partnership.state == "active",
        "goal_max": GOAL_MAX,
        "note_max": NOTE_MAX,
        "reframe_goal": request.session.pop("growth_reframe", None),
        "reframe_question": REFRAME_QUESTION,
    }
    return render(request, "growth/growth.html", context)


def _back(partnership_id, anchor=""):
    response = redirect("growth", partnership_id=partnership_id)
    response["Location"] += anchor
    return response


def _done(request, partnership_id, action, success: str, anchor=""):
    """Run one change; a refusal is shown and changes nothing."""
    try:
        result = action()
    except GrowthRefused as refused:
        flash.error(request, str(refused))
        return _back(partnership_id), None
    flash.success(request, success)
    return _back(partnership_id, anchor), result


@login_required
@consent_required
@require_POST
def goal_add(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)
    title = request.POST.get("title", "")

    def add():
        return services.goal_add(
            view=view, by=request.user, title=title, why=request.POST.get("why", "")
        )

    words = "Your goal is saved." if view.is_peer else "Your suggestion is waiting for them."
    response, goal = _done(request, partnership_id, add, words)
    if goal is not None and is_moving_away(goal.title):
        request.session["growth_reframe"] = goal.pk
        response["Location"] += f"#goal-{goal.pk}"
    return response


_GOAL_ACTIONS = {
    "accept": ("The goal is yours now.", lambda v, u, g, p: services.goal_decide(
        view=v, by=u, goal_id=g, accept=True)),
    "decline": ("The suggestion is set aside.", lambda v, u, g, p: services.goal_decide(
        view=v, by=u, goal_id=g, accept=False)),
    "reached": ("Well done: the goal is marked reached.", lambda v, u, g, p: services.goal_move(
        view=v, by=u, goal_id=g, to=GoalStatus.REACHED)),
    "set_aside": ("The goal is set aside for now.", lambda v, u, g, p: services.goal_move(
        view=v, by=u, goal_id=g, to=GoalStatus.SET_ASIDE)),
    "resume": ("The goal is back with the ones you are moving towards.",
               lambda v, u, g, p: services.goal_move(view=v, by=u, goal_id=g,
                                                     to=GoalStatus.ACTIVE)),
    "edit": ("Your goal is saved.", lambda v, u, g, p: services.goal_edit(
        view=v, by=u, goal_id=g, title=p.get("title", ""), why=p.get("why", ""))),
    "step": ("The step is added.", lambda v, u, g, p: services.step_add(
        view=v, by=u, goal_id=g, text=p.get("text", ""))),
    "progress": ("Noted in the goal's history.", lambda v, u, g, p: services.progress_add(
        view=v, by=u, goal_id=g, note=p.get("note", ""))),
}  # fmt: skip


@login_required
@consent_required
@require_POST
def goal_update(request, partnership_id, goal_id):
    view = access_partnership_member(request.user, partnership_id)
    chosen = _GOAL_ACTIONS.get(request.POST.get("action", ""))
    if chosen is None:
        flash.error(request, "That change was not understood; nothing was changed.")
        return _back(partnership_id)
    success, run = chosen
    response, _ = _done(
        request, partnership_id, lambda: run(view, request.user, goal_id, request.POST), success,
        anchor=f"#goal-{goal_id}",
    )  # fmt: skip
    return response


@login_required
@consent_required
@require_POST
def step_done(request, partnership_id, step_id):
    view = access_partnership_member(request.user, partnership_id)
    done = request.POST.get("done") == "1"

    def tick():
        return services.step_done(view=view, by=request.user, step_id=step_id, done=done)

    words = "Step done." if done else "The step is open again."
    return _done(request, partnership_id, tick, words)[0]


@login_required
@consent_required
@require_POST
def strength_add(request, partnership_id):
    view = access_partnership_member(request.user, partnership_id)

    def add():
        return services.strength_add(view=view, by=request.user, text=request.POST.get("text", ""))

    return _done(request, partnership_id, add, "The strength is noted.", anchor="#strengths")[0]


@login_required
@consent_required
@require_POST
def strength_hide(request, partnership_id, strength_id):
    view = access_partnership_member(request.user, partnership_id)
    hidden = request.POST.get("hidden") == "1"

    def hide():
        return services.strength_hide(
            view=view, by=request.user, strength_id=strength_id, hidden=hidden
        )

    words = "Hidden from the timeline." if hidden else "Shown on the timeline again."
    return _done(request, partnership_id, hide, words, anchor="#strengths")[0]
