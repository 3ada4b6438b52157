from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from alongside.notices.selectors import recent_notices
from alongside.notices.services import notices_mark_read


@login_required
def notice_list(request):
    """The person's own recent notices (the URL carries no id); showing them marks them read,
    and the page still says which ones were new."""
    notices = list(recent_notices(request.user))
    notices_mark_read(user=request.user, notice_ids=[n.pk for n in notices if not n.is_read])
    return render(request, "notices/notices.html", {"notices": notices, "unread_notices": 0})
