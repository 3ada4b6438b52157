"""Who may read and write a partnership's conversation. Pages, the coach endpoint and the
socket consumer all ask here. "Missing" and "not allowed" both answer 404."""

from dataclasses import dataclass

from django.http import Http404

from alongside.accounts.models import User
from alongside.partnerships.access import access_partnership
from alongside.partnerships.models import Partnership, State


@dataclass(frozen=True)
class ConversationAccess:
    partnership: Partnership
    is_peer: bool

    @property
    def can_write(self) -> bool:
        """Only while the partnership is active: a pause stops both sides, an ending keeps the
        history readable and closes the conversation."""
        return self.partnership.state == State.ACTIVE

    @property
    def other(self) -> User:
        return self.partnership.mentor if self.is_peer else self.partnership.peer


def access_conversation(user: User, partnership_id: int) -> ConversationAccess:
    """Only the partnership's two members, never staff: coordinators read a conversation only
    through an escalation (coordination), never here."""
    view = access_partnership(user, partnership_id)
    if not view.member:
        raise Http404("No such conversation.")
    return ConversationAccess(view.partnership, is_peer=view.is_peer)
