from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from alongside.accounts.sessions import sign_out_everywhere


@login_required
@require_POST
def sign_out_everywhere_view(request):
    """End every session of this person, on every device, this one included."""
    ended = sign_out_everywhere(request)
    messages.success(request, f"You are signed out everywhere ({ended} sessions ended).")
    return redirect("account_login")
