from django.db.models import Prefetch

from alongside.growth.models import Goal, GoalStatus, GoalStep, Strength
from alongside.growth.phrasing import is_moving_away
from alongside.partnerships.access import PartnershipView


def goals_for(view: PartnershipView) -> dict[str, list[Goal]]:
    """The partnership's goals grouped by where they stand, steps and history loaded."""
    goals = (
        Goal.objects.filter(partnership=view.partnership)
        .exclude(status=GoalStatus.DECLINED)
        .prefetch_related(Prefetch("steps", queryset=GoalStep.objects.order_by("created_at", "id")))
        .prefetch_related("progress")
    )
    grouped = {status: [] for status in GoalStatus.values}
    for goal in goals:
        goal.moving_away = is_moving_away(goal.title)
        grouped[goal.status].append(goal)
    return grouped


def strengths_for(view: PartnershipView) -> list[Strength]:
    """The timeline: the peer sees every entry (hidden ones marked), the mentor only shown ones."""
    strengths = Strength.objects.filter(partnership=view.partnership)
    if not view.is_peer:
        strengths = strengths.filter(hidden_at__isnull=True)
    return list(strengths)
