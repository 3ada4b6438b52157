"""Meetings: the peer controls when, each person reads their own time zone, reminders go
out once, and bad input changes nothing."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from alongside.notices.models import Notice as HeaderNotice
from alongside.partnerships.access import access_partnership_member
from alongside.partnerships.meetings import (
    MeetingRefused,
    calendar_file,
    local_to_utc,
    meeting_cancel,
    meeting_confirm,
    meeting_propose,
    meeting_reflection_save,
    meeting_reschedule,
    reminders_send,
    upcoming_meetings_of,
)
from alongside.partnerships.models import Meeting, MeetingStatus
from alongside.partnerships.services import partnership_pause

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
TOMORROW_EVENING = datetime(2027, 3, 2, 18, 0, tzinfo=UTC)


@pytest.fixture
def views(peer, her_mentor, partnership):
    return (access_partnership_member(peer, partnership.pk),
            access_partnership_member(her_mentor, partnership.pk))  # fmt: skip


def _propose(view, by, at=TOMORROW_EVENING, **extra):
    data = {"duration": 60, "mode": "chat", **extra}
    return meeting_propose(view=view, by=by, starts_at=at, now=NOW, **data)


def test_a_peers_proposal_waits_for_the_mentor_and_a_mentors_for_the_peer(peer, her_mentor, views):
    peers, mentors = views
    mine = _propose(peers, peer)
    assert mine.awaiting == "mentor"
    with pytest.raises(MeetingRefused, match="waits for the other person"):
        meeting_confirm(view=peers, by=peer, meeting_id=mine.pk)
    theirs = _propose(mentors, her_mentor, at=TOMORROW_EVENING + timedelta(days=2))
    assert theirs.awaiting == "peer"
    with freeze_time(NOW):
        meeting_confirm(view=mentors, by=her_mentor, meeting_id=mine.pk)
        meeting_confirm(view=peers, by=peer, meeting_id=theirs.pk)
    assert set(Meeting.objects.values_list("status", flat=True)) == {MeetingStatus.CONFIRMED}
    assert HeaderNotice.objects.filter(recipient=peer, headline__contains="confirmed").exists()


def test_another_time_flips_who_must_answer_and_resets_reminders(peer, her_mentor, views):
    peers, mentors = views
    meeting = _propose(peers, peer)
    with freeze_time(NOW):
        meeting_confirm(view=mentors, by=her_mentor, meeting_id=meeting.pk)
    moved = meeting_reschedule(view=mentors, by=her_mentor, meeting_id=meeting.pk,
                               starts_at=TOMORROW_EVENING + timedelta(hours=1), duration=45,
                               now=NOW)  # fmt: skip
    assert moved.status == MeetingStatus.PROPOSED and moved.awaiting == "peer"
    assert moved.sequence == 2 and moved.duration_minutes == 45


def test_bad_input_is_refused_and_changes_nothing(peer, views, another_peer, partnership):
    peers, _ = views
    with pytest.raises(MeetingRefused, match="already passed"):
        _propose(peers, peer, at=NOW - timedelta(minutes=1))
    with pytest.raises(MeetingRefused, match="where you would like to meet"):
        _propose(peers, peer, mode="in_person")
    with pytest.raises(MeetingRefused, match="limit is 500"):
        _propose(peers, peer, note="x" * 501)
    with pytest.raises(MeetingRefused, match="how you would like"):
        _propose(peers, peer, mode="telepathy")
    with pytest.raises(MeetingRefused, match="up to a year"):
        _propose(peers, peer, at=NOW + timedelta(days=400))
    assert not Meeting.objects.exists()
    first = _propose(peers, peer)
    with pytest.raises(MeetingRefused, match="already have a meeting"):
        _propose(peers, peer, at=TOMORROW_EVENING + timedelta(minutes=30))
    _propose(peers, peer, at=TOMORROW_EVENING + timedelta(minutes=60))  # right after: fine
    with pytest.raises(MeetingRefused, match="not found"):
        meeting_cancel(view=peers, by=peer, meeting_id=first.pk + 999)


def test_a_paused_partnership_plans_nothing_but_can_still_cancel(peer, views, partnership):
    peers, _ = views
    meeting = _propose(peers, peer)
    partnership_pause(partnership=partnership, by=peer)
    paused = access_partnership_member(peer, partnership.pk)
    with pytest.raises(MeetingRefused, match="paused"):
        _propose(paused, peer, at=TOMORROW_EVENING + timedelta(days=3))
    meeting_cancel(view=paused, by=peer, meeting_id=meeting.pk, note="taking a break")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED and meeting.cancel_note == "taking a break"


def test_each_person_reads_the_time_in_their_own_zone(peer, her_mentor, views):
    peer.time_zone, her_mentor.time_zone = "America/Toronto", "Europe/Paris"
    peer.save()
    her_mentor.save()
    peers, _ = views
    starts = local_to_utc(date(2027, 3, 2), time(13, 0), peer.zone)  # 13:00 in Toronto
    _propose(peers, peer, at=starts)
    with freeze_time(NOW):
        assert f"{upcoming_meetings_of(peer)[0].local_start:%H:%M}" == "13:00"
        assert f"{upcoming_meetings_of(her_mentor)[0].local_start:%H:%M}" == "19:00"


def test_a_time_the_clocks_skip_is_refused_and_a_repeated_one_is_the_first():
    paris = ZoneInfo("Europe/Paris")
    with pytest.raises(MeetingRefused, match="clocks change"):
        local_to_utc(date(2027, 3, 28), time(2, 30), paris)
    assert local_to_utc(date(2027, 10, 31), time(2, 30), paris) == datetime(
        2027, 10, 31, 0, 30, tzinfo=UTC
    )


@given(
    st.dates(min_value=date(2027, 1, 1), max_value=date(2028, 12, 31)),
    st.times(),
    st.sampled_from(["Europe/Paris", "America/Toronto", "Australia/Sydney", "Asia/Kolkata"]),
)
def test_a_local_time_that_exists_comes_back_the_same_from_utc(day, at, zone_name):
    zone = ZoneInfo(zone_name)
    at = at.replace(microsecond=0)
    try:
        instant = local_to_utc(day, at, zone)
    except MeetingRefused:
        return  # a skipped hour: refused, tested above
    assert instant.astimezone(zone).replace(tzinfo=None) == datetime.combine(day, at)


def test_reminders_go_once_a_day_and_an_hour_before_and_never_for_a_cancelled_meeting(
    peer, her_mentor, views
):
    peers, mentors = views
    kept = _propose(peers, peer)
    dropped = _propose(peers, peer, at=TOMORROW_EVENING + timedelta(hours=2))
    with freeze_time(NOW):
        for meeting in (kept, dropped):
            meeting_confirm(view=mentors, by=her_mentor, meeting_id=meeting.pk)
    meeting_cancel(view=peers, by=peer, meeting_id=dropped.pk)
    day_before = TOMORROW_EVENING - timedelta(hours=23)
    assert reminders_send(now=day_before) == 1
    assert reminders_send(now=day_before + timedelta(minutes=5)) == 0  # a second run: nothing
    assert reminders_send(now=TOMORROW_EVENING - timedelta(minutes=50)) == 1
    reminders = HeaderNotice.objects.filter(recipient=peer, headline__startswith="Your meeting")
    assert [n.headline for n in reminders.order_by("id")] == [
        "Your meeting with Bob is tomorrow",
        "Your meeting with Bob is in an hour",
    ]
    assert all("Bob" not in n.body for n in reminders)  # a time, never a place or a note


def test_the_calendar_file_has_the_time_and_place_but_never_the_note(peer, views):
    peers, _ = views
    meeting = _propose(peers, peer, mode="in_person", place="The library café", note="secret")
    calendar = Calendar.from_ical(calendar_file(meeting, peer))
    event = next(iter(calendar.walk("VEVENT")))
    assert str(event["summary"]) == "Meeting with Bob"
    assert str(event["location"]) == "The library café"
    assert event.decoded("dtstart") == TOMORROW_EVENING
    assert b"secret" not in calendar_file(meeting, peer)
    meeting_cancel(view=peers, by=peer, meeting_id=meeting.pk)
    meeting.refresh_from_db()
    cancelled = next(iter(Calendar.from_ical(calendar_file(meeting, peer)).walk("VEVENT")))
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 1


def test_the_mentors_reflection_is_theirs_after_the_meeting(peer, her_mentor, views):
    peers, mentors = views
    meeting = _propose(peers, peer)
    with freeze_time(NOW):
        meeting_confirm(view=mentors, by=her_mentor, meeting_id=meeting.pk)
    with pytest.raises(MeetingRefused, match="after a meeting"):
        meeting_reflection_save(view=mentors, by=her_mentor, meeting_id=meeting.pk,
                                data={"connection": "good"}, share=False, now=NOW)  # fmt: skip
    later = TOMORROW_EVENING + timedelta(hours=2)
    with pytest.raises(MeetingRefused):
        meeting_reflection_save(view=peers, by=peer, meeting_id=meeting.pk,
                                data={"connection": "x"}, share=False, now=later)  # fmt: skip
    saved = meeting_reflection_save(view=mentors, by=her_mentor, meeting_id=meeting.pk,
                                    data={"connection": "We laughed", "self_care": "a walk"},
                                    share=True, now=later)  # fmt: skip
    assert saved.shared_for_supervision_at == later and saved.connection == "We laughed"


def test_from_the_pages(client, login, peer, her_mentor, partnership, another_peer):
    login(peer)
    day = (datetime.now(UTC) + timedelta(days=3)).date()
    response = client.post(f"/partnerships/{partnership.pk}/meetings/", {
        "day": day.isoformat(), "at": "18:30", "duration": "60", "mode": "video",
        "place": "https://meet.example/room", "time_zone": "Europe/Paris",
    })  # fmt: skip
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    peer.refresh_from_db()
    assert peer.time_zone == "Europe/Paris"  # taken from the browser the first time
    assert f"{meeting.starts_at.astimezone(ZoneInfo('Europe/Paris')):%H:%M}" == "18:30"
    page = client.get(f"/partnerships/{partnership.pk}/").content.decode()
    assert "18:30" in page and "waiting for Bob" in page
    assert "Upcoming meetings" in client.get("/peer/").content.decode()
    ics = client.get(f"/partnerships/{partnership.pk}/meetings/{meeting.pk}/calendar.ics")
    assert ics["Content-Type"] == "text/calendar" and b"meet.example" in ics.content
    bad = client.post(f"/partnerships/{partnership.pk}/meetings/",
                      {"day": "yesterday", "at": "25:00", "mode": "chat"}, follow=True)  # fmt: skip
    assert "Nothing was changed" in bad.content.decode() and Meeting.objects.count() == 1
    login(another_peer)
    assert (
        client.get(f"/partnerships/{partnership.pk}/meetings/{meeting.pk}/calendar.ics").status_code
        == 404
    )
