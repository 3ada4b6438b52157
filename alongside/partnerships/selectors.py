"""Reads about partnerships: who is in which, and how many each mentor currently holds."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from alongside.accounts.models import User
from alongside.partnerships.models import CURRENT_STATES, LOAD_STATES, Partnership


def load_subquery(mentor_ref: str = "pk") -> Coalesce:
    """SQL for a mentor's current load (active and paused partnerships), for annotations."""
    counted = (
        Partnership.objects.filter(mentor=OuterRef(mentor_ref), state__in=LOAD_STATES)
        .order_by()
        .values("mentor")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def counts_against_caseload(state: str) -> bool:
    """Whether a partnership in this state takes one of its mentor's places."""
    return state in LOAD_STATES


def load_of(mentor: User) -> int:
    return Partnership.objects.filter(mentor=mentor, state__in=LOAD_STATES).count()


def current_partnership_for_peer(peer: User) -> Partnership | None:
    return Partnership.objects.filter(peer=peer, state__in=CURRENT_STATES).first()


def partnerships_as_peer(peer: User) -> QuerySet:
    return Partnership.objects.filter(peer=peer).select_related("peer", "mentor")


def partnerships_as_mentor(mentor: User) -> QuerySet:
    return Partnership.objects.filter(mentor=mentor).select_related("peer", "mentor")


def unseen_notices(partnership: Partnership, person: User) -> list:
    """What changed in this partnership since this person last opened its page."""
    return list(partnership.notices.filter(person=person, seen_at__isnull=True))


def blocked_mentor_ids(peer: User):
    """Mentors this peer blocked: never suggested, never reachable by them again (a subquery)."""
    from alongside.partnerships.models import MentorBlock

    return MentorBlock.objects.filter(peer=peer).values("mentor_id")


def closing_context(partnership: Partnership, person: User) -> dict:
    """The plan, this person's own reflection, and the other's if they shared it."""
    from alongside.partnerships.models import ClosingPlan, ClosingReflection

    plan = ClosingPlan.objects.filter(partnership=partnership).first()
    reflections = list(ClosingReflection.objects.filter(partnership=partnership))
    mine = next((r for r in reflections if r.author_id == person.pk), None)
    theirs = next((r for r in reflections if r.author_id != person.pk and r.shared), None)
    return {"plan": plan, "my_reflection": mine, "their_reflection": theirs}
