from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alongside.privacy.forms import EraseForm
from alongside.privacy.selectors import content_openings, kept_after_erasure, latest_export
from alongside.privacy.services import (
    ErasureError,
    ExportLinkError,
    account_erase,
    export_check,
    export_link_token,
    export_open,
    export_request,
)


@login_required
@require_GET
def privacy(request):
    """The person's privacy page: their download, who opened their content, deleting."""
    export = latest_export(request.user)
    link = None
    if export is not None and export.status == "ready" and export.expires_at > timezone.now():
        link = export_link_token(export)
    context = {
        "export": export,
        "export_link": link,
        "openings": content_openings(request.user),
        "kept": kept_after_erasure(),
    }
    return render(request, "privacy/privacy.html", context)


@login_required
@require_POST
@reauthentication_required
def export_start(request):
    export_request(user=request.user)
    messages.success(
        request,
        "Your download is being prepared. It usually takes a minute; you will get a notice "
        "when it is ready.",
    )
    return redirect("privacy")


@login_required
@require_GET
def export_download(request, token):
    """A link that cannot work is refused at once; a good one asks for the password again."""
    try:
        export_check(user=request.user, token=token)
        return _fetch(request, token)
    except ExportLinkError as exc:
        return render(
            request, "privacy/link_refused.html", {"message": str(exc)}, status=exc.status
        )


@reauthentication_required
def _fetch(request, token):
    payload = export_open(user=request.user, token=token)
    response = HttpResponse(payload, content_type="application/zip")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="alongside-data-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
@reauthentication_required(allow_get=True)
def erase(request):
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_erase(user=request.user)
        except ErasureError as exc:
            messages.error(request, str(exc))
            return redirect("privacy")
        logout(request)
        # Shown at once, not as a flash message: a sign-out clears the browser's cookies.
        return render(request, "privacy/erased.html")
    return render(request, "privacy/erase.html", {"form": form, "kept": kept_after_erasure()})
