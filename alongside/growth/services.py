"""Writes for goals and strengths. The access check is the caller's (views ask
`access_partnership_member`); these enforce who may do what: the peer owns goals, either
person may note a strength, only the peer hides one."""

from django.db import transaction
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.growth.models import (
    GOAL_MAX,
    NOTE_MAX,
    Goal,
    GoalProgress,
    GoalStatus,
    GoalStep,
    Strength,
)
from alongside.partnerships.access import PartnershipView
from alongside.partnerships.models import Side, State

# How many of each a partnership may hold: generous for people, a wall for a runaway script.
MAX_GOALS = 50
MAX_STEPS = 30
MAX_STRENGTHS = 500


class GrowthRefused(ValueError):
    """A change that is not this person's to make now, with words fit to show."""


def _open(view: PartnershipView) -> None:
    if view.partnership.state != State.ACTIVE:
        state = view.partnership.get_state_display().lower()
        raise GrowthRefused(
            f"This partnership is {state}, so goals and strengths can only be read."
        )


def _text(value: str, limit: int, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise GrowthRefused(f"Please write the {what}.")
    if len(value) > limit:
        raise GrowthRefused(f"The {what} can be up to {limit} characters; it has {len(value)}.")
    return value


def _peer_only(view: PartnershipView, what: str) -> None:
    if not view.is_peer:
        raise GrowthRefused(f"Only {view.partnership.peer.display_name} can {what}.")


def _audit(action, view: PartnershipView, by: User, target_type: str, target_id) -> None:
    audit_record(
        action=action, actor=by, subject=view.partnership.peer,
        target_type=target_type, target_id=target_id,
    )  # fmt: skip


def _room_for(queryset, limit: int, what: str) -> None:
    if queryset.count() >= limit:
        raise GrowthRefused(f"This partnership already holds {limit} {what}, the most it can.")


def goal_add(*, view: PartnershipView, by: User, title: str, why: str = "") -> Goal:
    """The peer writes a goal of their own, or the mentor suggests one for the peer to decide."""
    _open(view)
    title = _text(title, GOAL_MAX, "goal")
    why = (why or "").strip()
    if len(why) > NOTE_MAX:
        raise GrowthRefused(f"The note can be up to {NOTE_MAX} characters; it has {len(why)}.")
    _room_for(Goal.objects.filter(partnership=view.partnership), MAX_GOALS, "goals")
    with transaction.atomic():
        goal = Goal.objects.create(
            partnership=view.partnership, title=title, why=why,
            status=GoalStatus.ACTIVE if view.is_peer else GoalStatus.SUGGESTED,
            suggested_by=Side.PEER if view.is_peer else Side.MENTOR,
        )  # fmt: skip
        _audit(Action.GOAL_SAVE if view.is_peer else Action.GOAL_SUGGEST, view, by, "goal", goal.pk)
    return goal


def _goal_of(view: PartnershipView, goal_id) -> Goal:
    goal = Goal.objects.filter(partnership=view.partnership, pk=goal_id).first()
    if goal is None:  # another partnership's goal, or none: the same answer
        raise GrowthRefused("That goal was not found in this partnership.")
    return goal


def goal_decide(*, view: PartnershipView, by: User, goal_id, accept: bool) -> Goal:
    """The peer takes up a mentor's suggestion as their own goal, or declines it."""
    _open(view)
    _peer_only(view, "decide on a suggested goal")
    goal = _goal_of(view, goal_id)
    if goal.status != GoalStatus.SUGGESTED:
        raise GrowthRefused("That goal is not waiting for a decision.")
    goal.status = GoalStatus.ACTIVE if accept else GoalStatus.DECLINED
    goal.updated_at = timezone.now()
    with transaction.atomic():
        goal.save(update_fields=["status", "updated_at"])
        _audit(Action.GOAL_DECIDE, view, by, "goal", goal.pk)
    return goal


_PEER_MOVES = {
    GoalStatus.ACTIVE: {GoalStatus.REACHED, GoalStatus.SET_ASIDE},
    GoalStatus.REACHED: {GoalStatus.ACTIVE},
    GoalStatus.SET_ASIDE: {GoalStatus.ACTIVE},
}


def goal_edit(*, view: PartnershipView, by: User, goal_id, title: str, why: str = "") -> Goal:
    _open(view)
    _peer_only(view, "change a goal")
    goal = _goal_of(view, goal_id)
    if goal.status == GoalStatus.SUGGESTED:
        raise GrowthRefused("Accept the suggestion first; then it is yours to reword.")
    goal.title = _text(title, GOAL_MAX, "goal")
    why = (why or "").strip()
    if len(why) > NOTE_MAX:
        raise GrowthRefused(f"The note can be up to {NOTE_MAX} characters; it has {len(why)}.")
    goal.why, goal.updated_at = why, timezone.now()
    with transaction.atomic():
        goal.save(update_fields=["title", "why", "updated_at"])
        _audit(Action.GOAL_SAVE, view, by, "goal", goal.pk)
    return goal


def goal_move(*, view: PartnershipView, by: User, goal_id, to: str) -> Goal:
    """The peer marks a goal reached, sets it aside, or takes it up again."""
    _open(view)
    _peer_only(view, "change where a goal stands")
    goal = _goal_of(view, goal_id)
    if to not in _PEER_MOVES.get(goal.status, set()):
        raise GrowthRefused("That change is not possible for this goal.")
    goal.status, goal.updated_at = to, timezone.now()
    with transaction.atomic():
        goal.save(update_fields=["status", "updated_at"])
        _audit(Action.GOAL_SAVE, view, by, "goal", goal.pk)
    return goal


def step_add(*, view: PartnershipView, by: User, goal_id, text: str) -> GoalStep:
    _open(view)
    _peer_only(view, "add steps to a goal")
    goal = _goal_of(view, goal_id)
    if goal.status != GoalStatus.ACTIVE:
        raise GrowthRefused("Steps can be added to a goal you are moving towards.")
    text = _text(text, GOAL_MAX, "step")
    _room_for(goal.steps.all(), MAX_STEPS, "steps")
    with transaction.atomic():
        step = GoalStep.objects.create(goal=goal, text=text)
        _audit(Action.GOAL_SAVE, view, by, "goal", goal.pk)
    return step


def step_done(*, view: PartnershipView, by: User, step_id, done: bool) -> GoalStep:
    _open(view)
    _peer_only(view, "tick off a step")
    step = GoalStep.objects.filter(goal__partnership=view.partnership, pk=step_id).first()
    if step is None:
        raise GrowthRefused("That step was not found in this partnership.")
    step.done_at = timezone.now() if done else None
    with transaction.atomic():
        step.save(update_fields=["done_at"])
        _audit(Action.GOAL_SAVE, view, by, "goal", step.goal_id)
    return step


def progress_add(*, view: PartnershipView, by: User, goal_id, note: str) -> GoalProgress:
    """A line in the goal's history, in the peer's words."""
    _open(view)
    _peer_only(view, "write how a goal is going")
    goal = _goal_of(view, goal_id)
    if goal.status == GoalStatus.SUGGESTED or goal.status == GoalStatus.DECLINED:
        raise GrowthRefused("Progress can be written for your own goals.")
    note = _text(note, NOTE_MAX, "note")
    with transaction.atomic():
        entry = GoalProgress.objects.create(goal=goal, note=note)
        _audit(Action.GOAL_SAVE, view, by, "goal", goal.pk)
    return entry


def strength_add(*, view: PartnershipView, by: User, text: str) -> Strength:
    """Either person writes down a strength they noticed in the peer."""
    _open(view)
    text = _text(text, GOAL_MAX, "strength")
    _room_for(Strength.objects.filter(partnership=view.partnership), MAX_STRENGTHS, "strengths")
    with transaction.atomic():
        strength = Strength.objects.create(
            partnership=view.partnership, text=text,
            noticed_by=Side.PEER if view.is_peer else Side.MENTOR,
        )  # fmt: skip
        _audit(Action.STRENGTH_RECORD, view, by, "strength", strength.pk)
    return strength


def strength_hide(*, view: PartnershipView, by: User, strength_id, hidden: bool) -> Strength:
    """The peer hides a strength from the timeline (from both views), or shows it again.
    Allowed in any state: what the peer sees of themselves stays theirs to shape."""
    _peer_only(view, "hide a strength")
    strength = Strength.objects.filter(partnership=view.partnership, pk=strength_id).first()
    if strength is None:
        raise GrowthRefused("That strength was not found in this partnership.")
    strength.hidden_at = timezone.now() if hidden else None
    strength.save(update_fields=["hidden_at"])
    return strength
