import pytest
from django.core import mail

from alongside.audit.models import AuditEvent
from alongside.intake.services import intake_save
from alongside.matching.models import WaitlistEntry
from alongside.matching.services import waitlist_notify
from alongside.partnerships.services import partnership_start
from alongside.training.services import application_decide
from tests.conftest import make_person
from tests.matching.helpers import bulk_matchable_mentors, make_matchable

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.mark.parametrize("count", [10, 500])
def test_the_suggestions_page_uses_the_same_queries_for_10_or_500_mentors(
    login, peer, count, django_assert_max_num_queries
):
    bulk_matchable_mentors(count, availability=["tue-evening"])
    intake_save(peer=peer, data={"languages": ["en"], "preferred_times": ["tue-evening"]})
    client = login(peer)
    with django_assert_max_num_queries(12):
        page = client.get("/peer/mentors/").content.decode()
    assert page.count("Why they may fit") == 5
    assert "Available Tuesday evenings" in page


def test_only_matchable_mentors_are_suggested_with_reasons(login, peer, mentor, coordinator):
    make_matchable(mentor, coordinator, gender="Secret-gender", share_gender=False)
    unapproved = make_person("una@example.org", "Una", "mentor")
    from tests.matching.helpers import complete_profile

    complete_profile(unapproved)
    page = login(peer).get("/peer/mentors/").content.decode()
    assert "Bob" in page and "Una" not in page
    assert "Shares your language: English" in page
    assert "Secret-gender" not in page
    assert "score" not in page.lower()


def test_filters_narrow_the_list(login, peer, mentor, other_mentor, coordinator):
    make_matchable(mentor, coordinator, meeting_modes=["chat"])
    make_matchable(other_mentor, coordinator, meeting_modes=["video"])
    client = login(peer)
    both = client.get("/peer/mentors/").content.decode()
    assert "Bob" in both and "Mallory" in both
    video = client.get("/peer/mentors/?mode=video").content.decode()
    assert "Mallory" in video and "Bob" not in video
    nobody = client.get("/peer/mentors/?language=fr").content.decode()
    assert "No mentor fits this narrower choice" in nobody


def test_a_full_mentor_is_not_suggested(login, peer, mentor, coordinator):
    make_matchable(mentor, coordinator, caseload_cap=1)
    partnership_start(peer=make_person("d@example.org", "Dana", "peer"), mentor=mentor, by=mentor)
    assert "Bob" not in login(peer).get("/peer/mentors/").content.decode()


def test_a_mentor_profile_opens_only_for_matchable_mentors(login, peer, mentor, coordinator):
    client = login(peer)
    assert client.get(f"/peer/mentors/{mentor.pk}/").status_code == 404
    assert client.get("/peer/mentors/999999/").status_code == 404
    make_matchable(mentor, coordinator, culture="Métis", share_culture=True, gender="Hidden",
                   share_gender=False)  # fmt: skip
    page = client.get(f"/peer/mentors/{mentor.pk}/").content.decode()
    assert "Métis" in page and "Hidden" not in page
    application_decide(mentor=mentor, by=coordinator, decision="suspend", reason="Check-in")
    assert client.get(f"/peer/mentors/{mentor.pk}/").status_code == 404


def test_when_nobody_fits_the_peer_is_told_kindly_and_can_wait(login, peer):
    client = login(peer)
    page = client.get("/peer/mentors/").content.decode()
    assert "No mentor who fits what you asked for is free right now" in page
    assert "Tell me when a mentor is available" in page
    assert client.post("/peer/waitlist/", {"action": "join"}).url == "/peer/"
    assert WaitlistEntry.objects.filter(peer=peer).exists()
    assert "You are on the waiting list" in client.get("/peer/mentors/").content.decode()
    client.post("/peer/waitlist/", {"action": "leave"})
    assert not WaitlistEntry.objects.exists()


def test_waiting_peers_hear_when_a_fitting_mentor_appears(
    login, peer, mentor, coordinator, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client = login(peer)
    client.post("/peer/waitlist/", {"action": "join"})
    assert waitlist_notify() == 0
    with django_capture_on_commit_callbacks(execute=True):
        make_matchable(mentor, coordinator)  # approval and profile save schedule the check
    entry = WaitlistEntry.objects.get()
    assert entry.notified_at is not None
    to_alice = [m for m in mail.outbox if m.to == ["alice@example.org"]]
    assert len(to_alice) == 1  # (Bob hears of his approval)
    assert "Sign in to Alongside" in to_alice[0].body
    assert (
        "A mentor who fits what you asked for is free now" in client.get("/peer/").content.decode()
    )
    assert AuditEvent.objects.filter(action="waitlist.notify", subject_id=peer.pk).exists()
    assert waitlist_notify() == 0  # once per wait


def test_a_waiting_peer_is_not_told_about_a_mentor_who_does_not_fit(peer, mentor, coordinator):
    intake_save(peer=peer, data={"languages": ["fr"]})
    WaitlistEntry.objects.create(peer=peer)
    make_matchable(mentor, coordinator, languages=["en"])
    assert waitlist_notify() == 0


def test_the_notify_waitlist_command_runs_the_same_check(peer, mentor, coordinator):
    from django.core.management import call_command

    WaitlistEntry.objects.create(peer=peer)
    make_matchable(mentor, coordinator)
    call_command("notify_waitlist", verbosity=0)
    assert WaitlistEntry.objects.get().notified_at is not None
