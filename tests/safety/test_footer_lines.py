"""The footer names the directory's crisis lines for the person's region, with no query."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.safety.services import crisis_resource_save


def _line(coordinator, **data):
    return crisis_resource_save(coordinator=coordinator, data=data)


def test_a_signed_in_person_sees_their_regions_lines_in_the_footer(
    client, login, peer, coordinator
):
    _line(coordinator, name="Ontario Line", region="CA-ON", phone="1-800-000-0001")
    _line(coordinator, name="Canada Line", region="CA", phone="988", text="45645")
    _line(coordinator, name="Elsewhere Line", region="US", phone="911-000")
    peer.region = "CA-ON"
    peer.save()
    login(peer)
    page = client.get("/help/").content.decode()
    assert "Ontario Line: call 1-800-000-0001." in page
    assert "Canada Line: call 988, text 45645." in page
    assert "Elsewhere Line" not in page


def test_the_lines_are_cached_and_a_directory_change_shows_at_once(
    client, login, peer, coordinator
):
    _line(coordinator, name="First Line", region="CA", phone="1")
    peer.region = "CA"
    peer.save()
    login(peer)
    client.get("/help/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/help/")
    assert not any("safety_crisisresource" in q["sql"] for q in warm.captured_queries)
    _line(coordinator, name="Second Line", region="CA", phone="2")
    assert "Second Line" in client.get("/help/").content.decode()


def test_an_unknown_region_or_a_visitor_gets_the_link_to_every_line(client, coordinator):
    _line(coordinator, name="Canada Line", region="CA", phone="988")
    page = client.get("/help/").content.decode()
    assert "Canada Line" not in page and "All crisis resources" in page
