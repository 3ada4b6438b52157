from django.test import Client

from alongside.partnerships.models import Partnership, State
from tests.intake.helpers import save_intake
from tests.matching.helpers import make_matchable

INTAKE = {
    "hopes": "Someone who gets it, to talk on weeknights.",
    "talk_about": "Going back to school",
    "avoid_topics": "numbers\nexercise",
    "lived_experience": ["body_image"],
    "meeting_modes": ["video"],
    "preferred_times": ["tue-evening"],
    "languages": ["fr"],
    "green_signs": "I sleep well",
    "shared_items": ["hopes", "avoid_topics"],
}


def test_a_peer_completes_intake_chooses_bob_and_both_see_the_partnership(
    login, peer, mentor, coordinator
):
    make_matchable(
        mentor, coordinator, languages=["fr", "en"], meeting_modes=["video"],
        availability=["tue-evening"], lived_experience=["body_image"],
    )  # fmt: skip
    alice = login(peer)
    assert save_intake(alice, INTAKE).url == "/peer/intake/review/"
    page = alice.get("/peer/mentors/").content.decode()
    assert "Bob" in page
    assert "Shares your language: Français" in page
    assert "Has lived experience with body image" in page
    assert "Available Tuesday evenings" in page

    assert alice.get(f"/peer/mentors/{mentor.pk}/").status_code == 200
    response = alice.post(f"/peer/mentors/{mentor.pk}/request/", {"note": "Hello Bob"})
    assert response.url == "/peer/"
    assert "waiting for an answer" in alice.get("/peer/").content.decode()

    bob = Client()
    bob.force_login(mentor)
    incoming = bob.get("/mentor/requests/").content.decode()
    assert "Someone who gets it" in incoming and "exercise" in incoming
    assert "Going back to school" not in incoming and "I sleep well" not in incoming
    [request_id] = peer.sent_mentor_requests.values_list("pk", flat=True)
    response = bob.post(f"/mentor/requests/{request_id}/accept/")
    partnership = Partnership.objects.get()
    assert partnership.state == State.ACTIVE
    assert response.url == f"/partnerships/{partnership.pk}/"

    for client, other in ((alice, "Bob"), (bob, "Alice")):
        page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
        assert f"You and {other}" in page and "Someone who gets it" in page
    assert "With Bob" in alice.get("/peer/").content.decode()
    assert "With Alice" in bob.get("/mentor/").content.decode()
