from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control, never_cache


def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "core/landing.html")


def help_page(request):
    """How to reach a coordinator and where to find help now; public, linked from every page."""
    return render(request, "core/help.html")


@cache_control(public=True, max_age=86400)
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links; send them to the SVG icon. Not a
    permanent redirect: the icon's static address changes with its content."""
    return redirect(static("favicon.svg"))


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
