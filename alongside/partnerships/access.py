"""Who may open a partnership. "Missing" and "not yours" both answer 404."""

from dataclasses import dataclass

from django.http import Http404

from alongside.accounts.models import Role, User
from alongside.partnerships.models import Partnership


@dataclass(frozen=True)
class PartnershipView:
    """A partnership and how much of it this person may see."""

    partnership: Partnership
    member: bool  # the peer or the mentor: content the peer shared

    @property
    def metadata_only(self) -> bool:
        return not self.member


def access_partnership(user: User, partnership_id: int) -> PartnershipView:
    """Its peer and mentor see it; a coordinator sees state and dates only; others get 404."""
    found = Partnership.objects.select_related("peer", "mentor").filter(pk=partnership_id).first()
    if found is None or not user.is_authenticated:
        raise Http404("No such partnership.")
    if user.pk in (found.peer_id, found.mentor_id):
        return PartnershipView(found, member=True)
    if user.has_role(Role.COORDINATOR):
        return PartnershipView(found, member=False)
    raise Http404("No such partnership.")
