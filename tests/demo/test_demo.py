import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from alongside.accounts.models import Role, User
from alongside.accounts.selectors import has_current_consent, has_totp

pytestmark = pytest.mark.real_curriculum  # the demo walks the shipped curriculum


@pytest.mark.django_db
def test_demo_is_refused_with_debug_off():
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo")
    assert not User.objects.exists()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_creates_one_account_per_role_and_can_run_twice():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    coordinator = User.objects.get(email="coordinator@demo.alongside.test")
    assert coordinator.has_role(Role.COORDINATOR) and has_totp(coordinator)
    peer = User.objects.get(email="peer@demo.alongside.test")
    assert peer.has_role(Role.PEER) and has_current_consent(peer)
    assert User.objects.count() == 10
    assert peer.check_password("alongside-demo")


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_demo_coordinator_can_sign_in_with_the_published_code(client, capsys):
    call_command("load_demo", verbosity=0)
    call_command("demo_code")
    code = capsys.readouterr().out.strip().splitlines()[-1]
    response = client.post(
        "/accounts/login/",
        {"login": "coordinator@demo.alongside.test", "password": "alongside-demo"},
    )
    assert response.url == "/accounts/2fa/authenticate/"
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 302
    assert client.get("/coordinator/").status_code == 200


@pytest.mark.django_db
def test_demo_mentor_is_approved_and_matchable_when_content_exists(settings, tmp_path):
    from alongside.matching.selectors import matchable_mentors
    from alongside.training.models import MentorApplication
    from tests.training.helpers import use_fixture_content

    # Both through the settings fixture: mixing it with override_settings restores out of order.
    settings.DEBUG = True
    use_fixture_content(settings, tmp_path)
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    mentor = User.objects.get(email="mentor@demo.alongside.test")
    assert mentor in matchable_mentors()
    assert matchable_mentors().count() == 5
    applicant = User.objects.get(email="applicant@demo.alongside.test")
    assert not MentorApplication.objects.filter(mentor=applicant).exists()
    assert not has_current_consent(applicant)


@pytest.mark.django_db
def test_the_demo_peer_gets_suggestions_with_reasons_and_can_ask_the_demo_mentor(
    settings, tmp_path
):
    from alongside.intake.selectors import shared_intake_of
    from alongside.matching.selectors import suggestions_for
    from alongside.matching.services import mentor_request_accept, mentor_request_create
    from alongside.partnerships.models import Partnership
    from tests.training.helpers import use_fixture_content

    settings.DEBUG = True
    use_fixture_content(settings, tmp_path)
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    peer = User.objects.get(email="peer@demo.alongside.test")
    mentor = User.objects.get(email="mentor@demo.alongside.test")
    suggestions = suggestions_for(peer)
    assert len(suggestions) >= 4
    assert all(s.reasons for s in suggestions)
    assert {item.key for item in shared_intake_of(peer)} >= {"hopes", "avoid_topics"}
    assert not Partnership.objects.filter(peer=peer).exists()
    request = mentor_request_create(peer=peer, mentor_id=mentor.pk)
    assert mentor_request_accept(mentor=mentor, mentor_request=request).state == "active"


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_a_second_demo_pair_is_matched_with_a_conversation_begun():
    from alongside.conversations.models import Message
    from alongside.partnerships.selectors import current_partnership_for_peer

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # a second run adds nothing
    kai = User.objects.get(email="kai@demo.alongside.test")
    partnership = current_partnership_for_peer(kai)
    assert partnership.mentor.email == "priya@demo.alongside.test"
    assert partnership.state == "active"
    assert Message.objects.filter(partnership=partnership).count() == 5
    from alongside.safety.models import Escalation

    burden = Message.objects.filter(partnership=partnership).order_by("-id").first()
    assert Escalation.objects.get(message_id=burden.pk).level == "concern"  # the demo escalation


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_the_demo_pair_has_a_plan_meetings_goals_and_strengths():
    from django.utils import timezone

    from alongside.growth.models import Goal, Strength
    from alongside.growth.phrasing import is_moving_away
    from alongside.intake.selectors import intake_for
    from alongside.partnerships.models import Meeting
    from alongside.partnerships.selectors import current_partnership_for_peer

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # a second run adds nothing
    kai = User.objects.get(email="kai@demo.alongside.test")
    partnership = current_partnership_for_peer(kai)
    assert set(intake_for(kai).lights_plan) >= {"green", "yellow"}
    meetings = Meeting.objects.filter(partnership=partnership, status="confirmed")
    assert meetings.filter(starts_at__lt=timezone.now()).count() == 1
    assert meetings.filter(starts_at__gt=timezone.now()).count() == 1
    goals = Goal.objects.filter(partnership=partnership, status="active")
    assert goals.count() == 2 and any(is_moving_away(g.title) for g in goals)
    assert Strength.objects.filter(partnership=partnership).count() == 3
