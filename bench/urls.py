"""The site's routes plus the baseline: a bare view that stores one row and does nothing else."""

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from alongside.urls import urlpatterns as site


def bare(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (body) VALUES (%s)", [request.POST.get("body", "")])
    return HttpResponse("stored")


urlpatterns = [*site, path("bench/bare/", bare)]
