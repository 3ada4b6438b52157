"""Who may open a partnership, and how much of it they see. "Missing" and "not yours" both
answer 404. Pages, and later the API and sockets, ask here and nowhere else."""

from dataclasses import dataclass

from django.http import Http404

from alongside.accounts.models import Role, User
from alongside.partnerships.models import Partnership, State

# While a partnership is under way the mentor sees what the peer shares now; once it is
# closing or over, what the peer shares later is none of the former mentor's business.
LIVE_STATES = frozenset({State.ACTIVE, State.PAUSED})


@dataclass(frozen=True)
class PartnershipView:
    """A partnership and how much of it this person may see."""

    partnership: Partnership
    member: bool  # the peer or the mentor
    is_peer: bool = False

    @property
    def metadata_only(self) -> bool:
        return not self.member

    @property
    def under_way(self) -> bool:
        return self.partnership.state in LIVE_STATES

    @property
    def live_intake(self) -> bool:
        """May this person see what the peer shares with their mentor today?"""
        return self.is_peer or (self.member and self.under_way)


def access_partnership(user: User, partnership_id: int) -> PartnershipView:
    """Its peer sees it whole. Its mentor sees it while they still hold the mentor role, and
    the peer's shared intake only while it is under way. A coordinator sees state and dates
    only. Anyone else gets 404."""
    found = Partnership.objects.select_related("peer", "mentor").filter(pk=partnership_id).first()
    if found is None or not user.is_authenticated:
        raise Http404("No such partnership.")
    if user.pk == found.peer_id:
        return PartnershipView(found, member=True, is_peer=True)
    if user.pk == found.mentor_id and user.has_role(Role.MENTOR):
        return PartnershipView(found, member=True)
    if user.has_role(Role.COORDINATOR):
        return PartnershipView(found, member=False)
    raise Http404("No such partnership.")


def access_partnership_member(user: User, partnership_id: int) -> PartnershipView:
    """The partnership for one of its two people only: every change to its life (stepping
    back, the agreement, meetings, goals, closing) is theirs, never staff's."""
    view = access_partnership(user, partnership_id)
    if not view.member:
        raise Http404("No such partnership.")
    return view
