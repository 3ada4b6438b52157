"""Who may open which safety object. "Missing" and "not yours" both answer 404."""

from django.http import Http404

from alongside.accounts.models import Role, User
from alongside.safety.models import CrisisResource, Escalation


def access_escalation(user: User, escalation_id: int) -> Escalation:
    """Only coordinators reach an escalation (never the peer, the mentor or an admin)."""
    if not user.has_role(Role.COORDINATOR):
        raise Http404("No such escalation.")
    found = (
        Escalation.objects.select_related("partnership__peer", "partnership__mentor")
        .filter(pk=escalation_id)
        .first()
    )
    if found is None:
        raise Http404("No such escalation.")
    return found


def access_crisis_resource(user: User, resource_id: int) -> CrisisResource:
    """Coordinators edit directory entries; everyone else reads them on the public page."""
    if not user.has_role(Role.COORDINATOR):
        raise Http404("No such resource.")
    found = CrisisResource.objects.filter(pk=resource_id).first()
    if found is None:
        raise Http404("No such resource.")
    return found
