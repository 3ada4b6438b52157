"""The intake in short steps: each saves only its own answers, a peer picks up where they
left off, and the review shows what was saved."""

import re

import pytest
from django.test import Client

from alongside.intake.models import PeerIntake, Step
from alongside.intake.selectors import has_intake
from alongside.intake.services import intake_save
from tests.conftest import sign_in
from tests.intake.helpers import save_intake, step_url


def test_a_step_saves_its_own_answers_and_no_others(login, peer):
    client = login(peer)
    client.post(step_url("hopes"), {"hopes": "hope-one", "talk_about": "school"})
    client.post(step_url("experience"), {"languages": ["fr"]})
    # A forged answer from another step is not this step's to save.
    client.post(step_url("experience"), {"languages": ["es"], "hopes": "forged", "region": "x"})
    intake = PeerIntake.objects.get(peer=peer)
    assert (intake.hopes, intake.talk_about, intake.languages) == ("hope-one", "school", ["es"])
    assert intake.region == ""
    assert intake.steps_saved == ["hopes", "experience"]


def test_save_and_continue_goes_to_the_next_step_then_the_review(login, peer):
    client = login(peer)
    steps = list(Step)
    for here, following in zip(steps, steps[1:], strict=False):
        assert client.post(step_url(here), {"then": "next"}).url == step_url(following)
    assert client.post(step_url(steps[-1]), {"then": "next"}).url == "/peer/intake/review/"


def test_the_service_refuses_answers_from_another_step(db, peer):
    with pytest.raises(ValueError, match="hopes"):
        intake_save(peer=peer, data={"languages": ["en"], "hopes": "x"}, step=Step.EXPERIENCE)
    assert not PeerIntake.objects.exists()


def test_coming_back_resumes_at_the_first_unsaved_step(login, peer):
    client = login(peer)
    assert client.get("/peer/intake/").url == step_url("hopes")
    client.post(step_url("hopes"), {"hopes": "a"})
    client.post(step_url("lights"), {})
    assert client.get("/peer/intake/").url == step_url("experience")
    client.post(step_url("mentor"), {})  # jumped ahead: experience is still the first unsaved
    assert client.get("/peer/intake/").url == step_url("experience")
    for step in ("experience", "meeting", "sharing"):
        client.post(step_url(step), {})
    assert client.get("/peer/intake/").url == "/peer/intake/review/"


def test_save_and_finish_later_keeps_the_answers_and_says_where_it_picks_up(login, peer):
    client = login(peer)
    response = client.post(step_url("hopes"), {"hopes": "halfway-marker", "then": "later"})
    assert response.url == "/peer/"
    page = client.get("/peer/").content.decode()
    assert "pick up at step 2 of 6: your lights plan" in page
    assert PeerIntake.objects.get().hopes == "halfway-marker"
    assert client.get("/peer/intake/").url == step_url("lights")


def test_completeness_needs_every_step_as_the_single_form_did(login, peer):
    client = login(peer)
    steps = list(Step)
    for step in steps[:-1]:
        client.post(step_url(step), {})
        assert not has_intake(peer)
    assert "Saved; you can change it at any time" not in client.get("/peer/").content.decode()
    client.post(step_url(steps[-1]), {})
    assert has_intake(peer)
    assert "Saved; you can change it at any time" in client.get("/peer/").content.decode()


def test_an_intake_saved_whole_by_the_service_is_complete(db, peer):
    intake_save(peer=peer, data={"languages": ["en"]})
    assert has_intake(peer)


def test_the_review_shows_what_was_saved_in_the_words_of_the_questions(login, peer):
    client = login(peer)
    client.post(step_url("hopes"), {"hopes": "review-hope", "avoid_topics": "gyms\nscales"})
    client.post(step_url("meeting"),
                {"meeting_modes": ["in_person"], "region": "Halifax",
                 "preferred_times": ["tue-evening"]})  # fmt: skip
    client.post(step_url("mentor"), {"prefer_age_range": "50+", "prefer_lgbtq2s": "on"})
    page = client.get("/peer/intake/review/").content.decode()
    assert "review-hope" in page and "gyms, scales" in page
    assert "In person" in page and "Halifax" in page and "Tuesday evening" in page
    assert "50 and over" in page
    assert "in_person" not in page and "tue-evening" not in page  # labels, not stored values
    assert page.count("Not saved yet.") == 3  # lights, experience, sharing
    assert "3 of 6 steps saved" in page
    assert f'href="{step_url("lights")}"' in page  # a step can be reached from the review
    assert "Continue with “Your lights plan”" in page


def test_a_complete_review_leads_on_to_the_mentors(login, peer):
    client = login(peer)
    save_intake(client, {})
    page = client.get("/peer/intake/review/").content.decode()
    assert 'href="/peer/mentors/"' in page and "Not saved yet." not in page


def test_each_step_shows_its_place_with_a_labelled_progress_bar_and_every_step(login, peer):
    client = login(peer)
    client.post(step_url("hopes"), {})
    page = client.get(step_url("lights")).content.decode()
    assert '<p class="meta" id="intake-step-count">Step 2 of 6</p>' in page
    assert re.search(r'<progress max="6" value="2" aria-labelledby="intake-step-count">', page)
    for step in Step:
        assert f'href="{step_url(step)}"' in page
    assert f'href="{step_url("lights")}" aria-current="step"' in page
    assert f'class="button button-secondary" href="{step_url("hopes")}">Back</a>' in page
    assert 'name="then" value="next">Save and continue' in page
    assert 'name="then" value="later"' in page


def test_an_unknown_step_is_not_found(login, peer):
    assert login(peer).get("/peer/intake/everything/").status_code == 404


def test_a_peer_only_ever_sees_their_own_intake(login, peer, another_peer):
    save_intake(login(peer), {"hopes": "alices-hope-marker", "region": "alices-region"})
    dana = sign_in(Client(), another_peer)
    for url in [step_url(step) for step in Step] + ["/peer/intake/review/"]:
        assert "alices-" not in dana.get(url).content.decode()
    dana.post(step_url("hopes"), {"hopes": "danas"})
    assert PeerIntake.objects.get(peer=peer).hopes == "alices-hope-marker"


@pytest.mark.parametrize("url", ["/peer/intake/", "/peer/intake/hopes/", "/peer/intake/review/"])
def test_people_other_than_peers_are_refused(client, mentor, coordinator, stranger, url):
    assert client.get(url).url.startswith("/accounts/login/")
    for person in (mentor, coordinator):
        assert sign_in(Client(), person).get(url).status_code == 403
    assert sign_in(Client(), stranger).get(url).status_code == 403  # no role in the program


def test_a_peer_accepts_the_privacy_statement_before_any_step(db):
    from alongside.accounts.models import Role
    from tests.conftest import make_person

    newcomer = make_person("new@example.org", "New", Role.PEER, consent=False)
    response = sign_in(Client(), newcomer).post(step_url("hopes"), {"hopes": "early"})
    assert response.url.startswith("/me/consent/?next=")
    assert not PeerIntake.objects.exists()
