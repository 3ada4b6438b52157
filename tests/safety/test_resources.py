"""The crisis resource directory: region first then national, public, examples marked."""

import pytest
from django.test import Client

from alongside.demo.program import load_example_crisis_resources
from alongside.safety.models import CrisisResource
from alongside.safety.selectors import crisis_resources_for
from alongside.safety.services import crisis_resource_save, crisis_resource_verify


def add(name, region, **extra):
    return crisis_resource_save(
        coordinator=None, data={"name": name, "region": region, "phone": "1", **extra}
    )


@pytest.fixture
def directory(db):
    return {
        "ontario": add("Ontario line", "ca-on"),
        "canada": add("Canada line", "CA"),
        "quebec": add("Quebec line", "CA-QC"),
        "uk": add("UK line", "UK"),
    }


def names(entries):
    return [entry.name for entry in entries]


def test_the_region_comes_first_then_its_national_lines(directory):
    assert names(crisis_resources_for("CA-ON")) == ["Ontario line", "Canada line"]


def test_a_region_without_its_own_lines_falls_back_to_national_ones(directory):
    assert names(crisis_resources_for("ca-bc")) == ["Canada line"]


def test_an_unknown_region_still_gets_every_national_line(directory):
    assert names(crisis_resources_for("Springfield")) == ["Canada line", "UK line"]
    assert names(crisis_resources_for("")) == ["Canada line", "UK line"]


def test_the_public_page_is_readable_without_signing_in(directory):
    response = Client().get("/resources/")
    assert response.status_code == 200
    assert "Ontario line" in response.content.decode() and "UK line" in response.content.decode()


def test_the_public_page_is_never_rate_limited(directory):
    client = Client()
    assert all(client.get("/resources/").status_code == 200 for _ in range(60))


def test_example_entries_are_marked_verify_before_use(db):
    assert load_example_crisis_resources() == 11
    assert load_example_crisis_resources() == 0  # loading again adds nothing
    assert not CrisisResource.objects.filter(is_example=False).exists()
    page = Client().get("/resources/").content.decode()
    assert page.count("Example: verify before use") == 11


def test_verifying_an_entry_dates_it_and_drops_the_example_mark(db, coordinator):
    entry = add("Example line", "AU", is_example=True)
    crisis_resource_verify(coordinator=coordinator, resource=entry)
    entry.refresh_from_db()
    assert entry.last_verified is not None and not entry.is_example
    assert "Example: verify before use" not in Client().get("/resources/").content.decode()


def test_the_intake_page_states_when_a_coordinator_is_told(login, peer):
    from alongside.safety.transparency import CRISIS_TRANSPARENCY

    page = login(peer).get("/peer/intake/hopes/").content.decode()
    assert CRISIS_TRANSPARENCY in page


def test_the_crisis_card_shows_the_lines_and_the_same_sentence_as_intake(rf, db):
    from django.template.loader import render_to_string

    from alongside.safety.services import crisis_resource_save
    from alongside.safety.transparency import CRISIS_TRANSPARENCY

    line = crisis_resource_save(
        coordinator=None, data={"name": "Line", "region": "CA", "phone": "988"}
    )
    card = render_to_string("safety/_crisis_card.html", {"resources": [line]}, request=rf.get("/"))
    assert "Line" in card and CRISIS_TRANSPARENCY in card
