from alongside.accounts.models import Role
from alongside.accounts.selectors import home_roles

_HOME_LINKS = {
    Role.PEER: ("peer_home", "My space"),
    Role.MENTOR: ("mentor_home", "Mentoring"),
    Role.COORDINATOR: ("coordinator_home", "Coordination"),
    Role.ADMIN: ("admin_people", "People and roles"),
}


def navigation(request):
    """Role-aware navigation: each person sees links for the roles they hold."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_links": []}
    return {"nav_links": [_HOME_LINKS[role] for role in home_roles(user)]}
