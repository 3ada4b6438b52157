"""What is kept for how long, with the clock frozen: closed conversations, what erasure kept,
unconfirmed sign-ups and old audit entries."""

from datetime import UTC, datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from freezegun import freeze_time

from alongside.accounts.cleanup import unconfirmed_signups_remove
from alongside.accounts.models import User
from alongside.audit.models import AuditEvent
from alongside.audit.selectors import audit_chain_problems
from alongside.audit.services import audit_prune, audit_record
from alongside.conversations.models import Message
from alongside.conversations.retention import (
    RetentionRefused,
    conversation_keep,
    conversations_retention_run,
)
from alongside.core import periodic
from alongside.notices.models import Notice
from alongside.partnerships.models import State
from alongside.partnerships.services import partnership_transition
from alongside.privacy.services import account_erase, erased_records_purge
from alongside.privacy.tasks import retention_task
from alongside.safety.models import Escalation
from alongside.safety.services import escalation_raise
from tests.privacy.helpers import say

START = datetime(2027, 1, 10, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


@pytest.fixture
def closed(partnership, peer, her_mentor, settings):
    settings.CONVERSATION_RETENTION_DAYS = 730
    settings.RETENTION_NOTICE_DAYS = 30
    with freeze_time(START):
        say(peer, partnership, "our last words")
        return partnership_transition(partnership=partnership, to=State.CLOSED, by=peer)


def _warned(person):
    return Notice.objects.filter(recipient=person, headline__contains="will be deleted")


def test_both_are_told_a_month_ahead_then_the_conversation_is_deleted(closed, peer, her_mentor):
    with freeze_time(START + 699 * DAY):
        assert conversations_retention_run() == {"noticed": 0, "deleted": 0}
    with freeze_time(START + 700 * DAY):
        assert conversations_retention_run() == {"noticed": 1, "deleted": 0}
        assert _warned(peer).count() == 1 and _warned(her_mentor).count() == 1
    with freeze_time(START + 729 * DAY):
        assert conversations_retention_run() == {"noticed": 0, "deleted": 0}
    with freeze_time(START + 730 * DAY):
        assert conversations_retention_run() == {"noticed": 0, "deleted": 1}
    assert not Message.objects.filter(partnership=closed).exists()
    assert _warned(peer).count() == 1  # told once, however often the job runs


def test_a_deletion_never_comes_sooner_than_a_month_after_its_notice(closed, peer):
    # The job did not run for a long while (a stopped server): it warns first, deletes later.
    with freeze_time(START + 800 * DAY):
        assert conversations_retention_run() == {"noticed": 1, "deleted": 0}
    with freeze_time(START + 829 * DAY):
        assert conversations_retention_run()["deleted"] == 0
    with freeze_time(START + 830 * DAY):
        assert conversations_retention_run()["deleted"] == 1


def test_a_conversation_either_person_keeps_is_not_deleted(closed, peer, her_mentor):
    conversation_keep(partnership=closed, by=her_mentor, keep=True)
    with pytest.raises(RetentionRefused):
        conversation_keep(partnership=closed, by=peer, keep=False)  # his choice, not hers
    with freeze_time(START + 900 * DAY):
        assert conversations_retention_run() == {"noticed": 0, "deleted": 0}
    assert Message.objects.filter(partnership=closed).exists()
    conversation_keep(partnership=closed, by=her_mentor, keep=False)
    with freeze_time(START + 900 * DAY):
        assert conversations_retention_run()["noticed"] == 1


def test_only_members_of_a_closed_partnership_can_keep_it(partnership, peer, another_peer):
    with pytest.raises(RetentionRefused):
        conversation_keep(partnership=partnership, by=peer, keep=True)  # still active
    with pytest.raises(RetentionRefused):
        conversation_keep(partnership=partnership, by=another_peer, keep=True)


def test_the_keep_button_on_a_closed_conversation(closed, peer, client, login):
    login(peer)
    page = client.get(f"/partnerships/{closed.pk}/conversation/").content.decode()
    assert "will be deleted on" in page and "Keep this conversation" in page
    client.post(f"/partnerships/{closed.pk}/conversation/keep/", {"keep": "1"})
    page = client.get(f"/partnerships/{closed.pk}/conversation/").content.decode()
    assert "You asked to keep this conversation" in page
    bad = client.post(f"/partnerships/{closed.pk}/conversation/keep/", {"keep": "maybe"})
    assert bad.status_code == 302
    assert closed.retention.kept_by_id == peer.pk


def test_what_erasure_kept_is_removed_after_its_retention_period(
    partnership, peer, her_mentor, settings
):
    settings.ERASED_RECORD_RETENTION_DAYS = 730
    with freeze_time(START):
        message = say(peer, partnership, "help")
        escalation_raise(
            partnership=partnership, message_id=message.pk, level="urgent", raised_by=peer
        )
        account_erase(user=peer)
    with freeze_time(START + 729 * DAY):
        assert erased_records_purge() == 0
    assert Escalation.objects.filter(partnership=partnership).exists()
    with freeze_time(START + 730 * DAY):
        # The escalation goes; the tombstone waits while her mentor can still read the
        # conversation, and goes once that conversation has reached its own end.
        assert erased_records_purge() == 0
        assert not Escalation.objects.exists()
        Message.objects.filter(partnership=partnership).delete()
        assert erased_records_purge() == 1
    assert not User.objects.filter(pk=peer.pk).exists()
    assert User.objects.filter(pk=her_mentor.pk).exists()


def test_unconfirmed_sign_ups_are_removed_after_a_week(settings, peer):
    settings.UNCONFIRMED_SIGNUP_DAYS = 7
    with freeze_time(START):
        never = User.objects.create_user("never@example.org", "x" * 12, display_name="N")
        EmailAddress.objects.create(user=never, email=never.email, verified=False)
        confirmed = User.objects.create_user("yes@example.org", "x" * 12, display_name="Y")
        EmailAddress.objects.create(user=confirmed, email=confirmed.email, verified=True)
    with freeze_time(START + 6 * DAY):
        assert unconfirmed_signups_remove() == 0
    with freeze_time(START + 8 * DAY):
        assert unconfirmed_signups_remove() == 1
    assert set(User.objects.values_list("email", flat=True)) == {peer.email, "yes@example.org"}


def test_old_audit_entries_are_pruned_and_the_chain_still_verifies(settings, db):
    from django.db import connection

    settings.AUDIT_RETENTION_DAYS = 365
    for day in range(3):
        with freeze_time(START + day * DAY):
            audit_record(action="auth.login", reason="a reason" if day == 0 else "")
    with freeze_time(START + 300 * DAY):
        audit_record(action="auth.logout")
        assert audit_prune() == 0  # nothing is past a year yet
    with freeze_time(START + 368 * DAY):  # the third entry is now a year and a day old
        assert audit_prune() == 3
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "auth.logout",
        "audit.prune",
    ]
    assert list(audit_chain_problems()) == []
    # Removing the oldest remaining entry by hand is still caught.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE action = 'auth.logout'")
    assert any("link broken" in p.problem for p in audit_chain_problems())


def test_the_retention_job_is_on_the_schedule_and_runs_every_rule(db):
    names = [job.name for job in periodic.registered_jobs()]
    assert "privacy_retention" in names
    result = retention_task.call()
    assert set(result) == {
        "exports_removed",
        "erased_purged",
        "conversations",
        "signups_removed",
        "audit_pruned",
    }
