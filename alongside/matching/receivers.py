"""Matching listens to the lower apps: a place a mentor can offer may have opened."""

from django.dispatch import receiver

from alongside.matching.services import mentor_place_may_have_opened
from alongside.partnerships.selectors import counts_against_caseload
from alongside.partnerships.signals import partnership_state_changed
from alongside.training.signals import mentor_approved


@receiver(mentor_approved, dispatch_uid="matching.mentor_approved")
def on_mentor_approved(sender, mentor, **kwargs):
    mentor_place_may_have_opened()


@receiver(partnership_state_changed, dispatch_uid="matching.partnership_state_changed")
def on_partnership_state_changed(sender, partnership, from_state, to_state, **kwargs):
    if counts_against_caseload(from_state) and not counts_against_caseload(to_state):
        mentor_place_may_have_opened()
