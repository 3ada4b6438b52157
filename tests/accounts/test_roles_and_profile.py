import pytest

from alongside.accounts.models import Role, User
from alongside.audit.models import AuditEvent


def test_admin_grants_a_coordinator_role_with_audit(login, admin_user, mentor):
    client = login(admin_user)
    response = client.post(
        "/staff/people/",
        {"email": mentor.email, "role": "coordinator", "action": "grant", "reason": "new hire"},
    )
    assert response.status_code == 302
    assert User.objects.get(pk=mentor.pk).has_role(Role.COORDINATOR)
    event = AuditEvent.objects.filter(action="role.grant", subject_id=mentor.pk).last()
    assert (event.actor_id, event.actor_role) == (admin_user.pk, "admin")
    assert event.reason_note.text == "new hire" and "hire" not in event.reason


def test_removing_a_role_needs_a_reason(login, admin_user, mentor):
    response = login(admin_user).post(
        "/staff/people/",
        {"email": mentor.email, "role": "mentor", "action": "revoke", "reason": ""},
    )
    assert response.status_code == 200
    assert b"Please give a reason" in response.content
    assert User.objects.get(pk=mentor.pk).has_role(Role.MENTOR)


def test_an_admin_cannot_remove_their_own_admin_role(login, admin_user):
    response = login(admin_user).post(
        "/staff/people/",
        {"email": admin_user.email, "role": "admin", "action": "revoke", "reason": "oops"},
        follow=True,
    )
    assert b"cannot remove your own administrator role" in response.content
    assert User.objects.get(pk=admin_user.pk).has_role(Role.ADMIN)


def test_unknown_email_is_a_field_error(login, admin_user):
    response = login(admin_user).post(
        "/staff/people/", {"email": "nobody@example.org", "role": "peer", "action": "grant"}
    )
    assert b"No account uses that email address" in response.content


def test_revoking_is_audited(login, admin_user, mentor):
    login(admin_user).post(
        "/staff/people/",
        {"email": mentor.email, "role": "mentor", "action": "revoke", "reason": "left"},
    )
    assert not User.objects.get(pk=mentor.pk).has_role(Role.MENTOR)
    event = AuditEvent.objects.get(action="role.revoke", subject_id=mentor.pk)
    assert event.reason_note.text == "left"


def test_people_update_their_profile(login, peer):
    client = login(peer)
    response = client.post(
        "/me/profile/",
        {
            "display_name": "Ally",
            "pronouns": "she/her",
            "region": "Ontario",
            "preferred_language": "fr",
        },
    )
    assert response.url == "/me/profile/"
    peer.refresh_from_db()
    assert (peer.display_name, peer.region, peer.preferred_language) == ("Ally", "Ontario", "fr")


def test_a_blank_display_name_changes_nothing(login, peer):
    response = login(peer).post(
        "/me/profile/",
        {"display_name": " ", "pronouns": "x", "region": "y", "preferred_language": "en"},
    )
    assert b"Please choose a display name" in response.content
    peer.refresh_from_db()
    assert (peer.display_name, peer.pronouns) == ("Alice", "")


@pytest.mark.django_db
def test_grant_role_command_appoints_the_first_admin(capsys):
    from django.core.management import call_command

    User.objects.create_user("root@example.org", "x" * 12, display_name="Root")
    call_command("grant_role", "root@example.org", "admin")
    user = User.objects.get(email="root@example.org")
    assert user.has_role(Role.ADMIN) and user.is_staff


@pytest.mark.parametrize(
    "name",
    [
        "\u202eSam",  # right-to-left override: reads as another name
        "Al\u200bice",  # a zero-width space hidden inside
        "\u200b\u200c\u200d",  # nothing visible at all
        "\u3164",  # a Hangul filler renders blank
        "Sam\u2066",  # a direction isolate
    ],
)
def test_a_display_name_with_hidden_or_direction_changing_characters_is_refused(login, peer, name):
    response = login(peer).post(
        "/me/profile/",
        {"display_name": name, "pronouns": "", "region": "", "preferred_language": "en"},
    )
    assert response.status_code == 200
    assert b"invisible characters or characters that change the direction" in response.content
    peer.refresh_from_db()
    assert peer.display_name == "Alice"


def test_a_display_name_is_normalised_before_it_is_saved(login, peer):
    login(peer).post(
        "/me/profile/",
        {"display_name": "  \uff21lly\u00a0 B ", "pronouns": "", "region": "",
         "preferred_language": "en"},
    )  # fmt: skip
    peer.refresh_from_db()
    assert peer.display_name == "Ally B"
