from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache


def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/landing.html")


@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 (any database failure means "not healthy")
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def server_error(request):
    """The 500 page, rendered without context processors so it cannot fail in turn."""
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


def rate_limited(request):
    """allauth's answer when a page is asked for too often (429); the refusal is audited."""
    from alongside.audit.models import Outcome
    from alongside.audit.services import audit_record

    match = getattr(request, "resolver_match", None)
    audit_record(
        action="auth.rate_limited",
        outcome=Outcome.DENIED,
        target_type="page",
        target_id=(match.url_name or "") if match else "",
    )
    return render(request, "429.html", status=429)
