"""Who may call for assistance about which partnership, and open which request."""

from django.http import Http404

from alongside.accounts.models import Role, User
from alongside.partnerships.access import access_partnership
from alongside.partnerships.models import Partnership
from alongside.wellbeing.models import SupportRequest


def access_partnership_as_mentor(user: User, partnership_id: int) -> Partnership:
    """A mentor may attach only a partnership they are the mentor of."""
    view = access_partnership(user, partnership_id)
    if not view.member or view.is_peer:
        raise Http404("No such partnership.")
    return view.partnership


def access_support_request(user: User, request_id: int) -> SupportRequest:
    found = SupportRequest.objects.filter(pk=request_id).first()
    if found is None or not user.has_role(Role.COORDINATOR):
        raise Http404("No such request.")
    return found
