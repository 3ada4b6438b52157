"""Goals, their steps and history, and strengths: the peer's, in their partnerships."""

from django.db.models import Q

from alongside.core.personal_data import json_safe, pick, register
from alongside.growth.models import Goal, Strength
from alongside.partnerships.models import Side


def _goals(user) -> list[dict]:
    rows = (
        Goal.objects.filter(Q(partnership__peer=user) | Q(partnership__mentor=user))
        .select_related("partnership")
        .prefetch_related("steps", "progress")
        .order_by("created_at", "id")
    )
    items = []
    for goal in rows:
        mine = goal.partnership.peer_id == user.pk
        if not mine and goal.suggested_by != Side.MENTOR:
            continue  # a mentor's download holds only the goals they suggested
        items.append({
            "partnership": goal.partnership_id,
            **pick(goal, "title", "why", "status", "suggested_by", "created_at", "updated_at"),
            "steps": [
                {"text": s.text, "done_at": json_safe(s.done_at)} for s in goal.steps.all()
            ],
            "history": [
                {"note": p.note, "written_at": json_safe(p.created_at)} for p in goal.progress.all()
            ],
        })  # fmt: skip
    return items


def _strengths(user) -> list[dict]:
    rows = Strength.objects.filter(
        Q(partnership__peer=user) | Q(partnership__mentor=user, noticed_by=Side.MENTOR)
    ).order_by("created_at", "id")
    return [
        {"partnership": s.partnership_id,
         **pick(s, "text", "noticed_by", "created_at", "hidden_at")}
        for s in rows
    ]  # fmt: skip


def _erase(user) -> None:
    # The peer's goals go with them; so does every strength a leaving mentor wrote.
    Goal.objects.filter(partnership__peer=user).delete()
    Strength.objects.filter(partnership__peer=user).delete()
    Strength.objects.filter(partnership__mentor=user, noticed_by=Side.MENTOR).delete()


register(
    app_label="growth", key="growth.goals", title="Goals, their steps and history",
    models=("growth.Goal", "growth.GoalStep", "growth.GoalProgress"), export=_goals,
    erase=_erase,
)  # fmt: skip
register(
    app_label="growth", key="growth.strengths", title="Strengths noticed",
    models=("growth.Strength",), export=_strengths,
)  # fmt: skip
