"""A person deletes their account: their words and details are gone from every table, the
other person reads a note that they left, and safety records stay unnamed for a while."""

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core.management import call_command

from alongside.accounts.models import ContentAccess, User
from alongside.accounts.services import private_content_open
from alongside.audit.models import Action
from alongside.audit.selectors import audit_chain_problems
from alongside.core.fields import EncryptedTextField
from alongside.intake.services import intake_save
from alongside.notices.models import Notice
from alongside.partnerships.models import Partnership, State
from alongside.privacy.services import ErasureError, account_erase
from alongside.safety.models import Escalation
from alongside.safety.services import escalation_raise
from tests.conftest import PASSWORD
from tests.privacy.helpers import reauthenticate, say

SECRET_WORDS = "my sister's wedding is the hardest day"
HOPES = "to eat a meal without counting"
GOAL = "dance at the wedding"
STRENGTH = "you told me when the day was hard"


def _every_stored_text():
    """Every text value in every table of the project, encrypted ones decrypted."""
    for model in apps.get_models():
        if not model.__module__.startswith("alongside."):
            continue
        text_fields = [
            f.attname for f in model._meta.concrete_fields
            if f.get_internal_type() in ("CharField", "TextField", "EmailField", "JSONField")
            or isinstance(f, EncryptedTextField)
        ]  # fmt: skip
        manager = getattr(model, "_base_manager", model.objects)
        for row in manager.all():
            for name in text_fields:
                yield model._meta.label, name, str(getattr(row, name))


@pytest.fixture
def alice_with_history(peer, her_mentor, partnership, coordinator):
    intake_save(peer=peer, data={"hopes": HOPES})
    mine = say(peer, partnership, SECRET_WORDS)
    say(her_mentor, partnership, "Thank you for telling me")
    escalation_raise(partnership=partnership, message_id=mine.pk, level="concern", raised_by=peer)
    from alongside.growth.services import goal_add, strength_add
    from alongside.partnerships.access import access_partnership_member

    goal_add(view=access_partnership_member(peer, partnership.pk), by=peer, title=GOAL)
    strength_add(
        view=access_partnership_member(her_mentor, partnership.pk), by=her_mentor, text=STRENGTH
    )
    private_content_open(
        staff=coordinator, subject=peer, action=Action.ESCALATION_OPEN,
        target_type="escalation", target_id=1, reason="checking in on a concern",
    )  # fmt: skip
    return peer


def test_nothing_she_wrote_or_was_called_remains_anywhere(alice_with_history, partnership):
    alice = alice_with_history
    email = alice.email
    account_erase(user=alice)
    for label, field, text in _every_stored_text():
        for needle in (email, SECRET_WORDS, HOPES, GOAL, STRENGTH):
            assert needle not in text, f"{needle!r} survived in {label}.{field}"
        if label == "accounts.User" and field == "display_name":
            assert text != "Alice"
    assert not EmailAddress.objects.filter(email=email).exists()


def test_the_mentor_sees_a_note_that_she_left_and_is_told_kindly(
    alice_with_history, her_mentor, partnership, client, login
):
    account_erase(user=alice_with_history)
    partnership.refresh_from_db()
    assert partnership.state == State.CLOSED
    assert Notice.objects.filter(recipient=her_mentor, headline="Your partnership has ended")
    login(her_mentor)
    page = client.get(f"/partnerships/{partnership.pk}/conversation/").content.decode()
    assert "This message was removed when its writer left" in page
    assert "Thank you for telling me" in page  # his own side stays his
    assert SECRET_WORDS not in page and "Someone who left" in page


def test_safety_records_stay_without_her_name_and_the_audit_chain_verifies(
    alice_with_history, partnership
):
    account_erase(user=alice_with_history)
    escalation = Escalation.objects.get(partnership=partnership)
    assert escalation.raised_by is None and escalation.level == "concern"
    assert ContentAccess.objects.filter(subject_id=alice_with_history.pk).count() == 1
    assert list(audit_chain_problems()) == []
    call_command("verify_audit_chain")


def test_she_can_no_longer_sign_in_and_her_address_is_free_again(alice_with_history, client):
    account_erase(user=alice_with_history)
    tombstone = User.objects.get(pk=alice_with_history.pk)
    assert not tombstone.is_active and not tombstone.has_usable_password()
    assert tombstone.erased_at is not None and not tombstone.role_set
    assert not client.login(username="alice@example.org", password=PASSWORD)
    User.objects.create_user("alice@example.org", PASSWORD, display_name="Alice again")


def test_an_account_is_deleted_only_once(peer):
    account_erase(user=peer)
    with pytest.raises(ErasureError):
        account_erase(user=User.objects.get(pk=peer.pk))


def test_from_the_browser_it_asks_for_the_password_and_the_word_first(
    client, login, alice_with_history, partnership
):
    login(alice_with_history)
    assert client.get("/me/privacy/delete/").status_code == 200
    refused = client.post("/me/privacy/delete/", {"confirm": "delete"})
    assert refused.url.startswith("/accounts/reauthenticate/")
    reauthenticate(client)
    wrong = client.post("/me/privacy/delete/", {"confirm": "yes"})
    assert wrong.status_code == 200 and "nothing has been deleted" in wrong.content.decode()
    assert User.objects.get(pk=alice_with_history.pk).erased_at is None
    done = client.post("/me/privacy/delete/", {"confirm": "Delete"})
    assert "Your account has been deleted" in done.content.decode()
    assert User.objects.get(pk=alice_with_history.pk).erased_at is not None
    assert Partnership.objects.get(pk=partnership.pk).state == State.CLOSED
    assert client.get("/me/privacy/").status_code == 302  # signed out


def test_a_mentors_waiting_requests_are_let_go_and_the_peers_told(peer, mentor, coordinator):
    from alongside.matching.models import MentorRequest
    from alongside.matching.services import mentor_request_create
    from tests.matching.helpers import make_matchable

    make_matchable(mentor, coordinator)
    mentor_request_create(peer=peer, mentor_id=mentor.pk)
    account_erase(user=mentor)
    assert not MentorRequest.objects.exists()
    assert Notice.objects.filter(
        recipient=peer, headline="The mentor you asked is no longer available"
    ).exists()
