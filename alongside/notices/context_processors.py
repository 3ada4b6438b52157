from alongside.notices.selectors import unread_count


def notices(request) -> dict:
    """How many notices the signed-in person has not seen yet, for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notices": 0}
    return {"unread_notices": unread_count(user)}
