import re

import pytest
from django.test import Client
from django.urls import path

from alongside.urls import urlpatterns as real_patterns


def _explode(request):
    raise RuntimeError("secret internal detail: FIELD key xyz")


urlpatterns = [*real_patterns, path("explode/", _explode)]


@pytest.mark.django_db
def test_unknown_urls_get_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content


@pytest.mark.django_db
@pytest.mark.urls("tests.core.test_pages")
def test_server_errors_get_a_friendly_500_that_leaks_nothing():
    client = Client(raise_request_exception=False)
    response = client.get("/explode/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"secret internal detail" not in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_landing_page_invites_people_to_join(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"Skip to main content" in response.content
    assert b'href="/accounts/signup/"' in response.content


@pytest.mark.django_db
def test_signed_in_people_skip_the_landing_page(login, peer):
    assert login(peer).get("/").url == "/home/"


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_answers_plain_http_while_pages_redirect_to_https(settings):
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = True
    client = Client()  # a new client builds its middleware with these settings
    assert client.get("/healthz").status_code == 200
    page = client.get("/accounts/login/")
    assert page.status_code == 301
    assert page.url.startswith("https://")


@pytest.mark.django_db
def test_every_response_carries_a_request_id(client):
    response = client.get("/", HTTP_X_REQUEST_ID="abc12345-from-proxy")
    assert response["X-Request-ID"] == "abc12345-from-proxy"
    forged = client.get("/", HTTP_X_REQUEST_ID="<script>")
    assert forged["X-Request-ID"] != "<script>"
    assert len(forged["X-Request-ID"]) == 32


def test_htmx_is_vendored_and_linked(client, db):
    response = client.get("/")
    assert b"js/htmx-2.0.11.min.js" in response.content


def test_the_stylesheet_is_served(client, db):
    response = client.get("/static/css/alongside.css")
    assert response.status_code == 200
    assert b"--accent" in b"".join(response.streaming_content)


@pytest.mark.django_db
def test_the_favicon_the_pages_link_exists_and_favicon_ico_leads_to_it(client):
    page = client.get("/help/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in page
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in b"".join(icon.streaming_content)
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url == "/static/favicon.svg"


def test_allauth_s_remove_and_secondary_buttons_get_their_own_looks(login, peer):
    page = login(peer).get("/accounts/email/").content.decode()
    classes = dict(re.findall(r'name="(action_\w+)"\s*type="submit"\s*class="([^"]+)"', page))
    assert classes == {
        "action_primary": "button",
        "action_send": "button button-secondary",
        "action_remove": "button button-danger",
        "action_add": "button",
    }
