"""Meetings: the peer proposes or accepts a time and a way to meet; the mentor confirms or
suggests another time; either can cancel. Times are stored in UTC and entered and shown in each
person's own time zone. Reminders go out a day and an hour before, once each, from the rows."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.notices.services import notice_send as header_notice
from alongside.partnerships.access import PartnershipView
from alongside.partnerships.models import (
    MEETING_TEXT_MAX,
    Meeting,
    MeetingMode,
    MeetingStatus,
    NoticeKind,
    Partnership,
    Side,
    State,
)
from alongside.partnerships.services import IllegalTransition, notice_send

DURATIONS = (30, 45, 60, 90, 120)
# How far ahead a meeting can be planned: far enough for a monthly rhythm, not a typo's year.
HORIZON = timedelta(days=366)
REMINDERS = (("reminded_day_before_at", timedelta(hours=24), "tomorrow"),
             ("reminded_hour_before_at", timedelta(hours=1), "in an hour"))  # fmt: skip


class MeetingRefused(IllegalTransition):
    """A meeting change that cannot be made, with words fit to show; nothing was changed."""


def local_to_utc(day: date, at: time, zone: ZoneInfo) -> datetime:
    """A wall-clock time in a person's zone, as an aware UTC instant. A time that does not
    exist (the hour skipped when clocks go forward) is refused; a time that happens twice
    (the hour repeated when they go back) means the first of the two."""
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=zone, fold=0)
    back = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise MeetingRefused(
            f"{at:%H:%M} does not exist on {day:%d %B} in {zone.key}: the clocks change "
            "that night. Please choose another time."
        )
    return aware.astimezone(UTC)


def in_zone(moment: datetime, person: User) -> datetime:
    return moment.astimezone(person.zone)


def _side(view: PartnershipView) -> str:
    return Side.PEER if view.is_peer else Side.MENTOR


def _other(view: PartnershipView) -> User:
    return view.partnership.mentor if view.is_peer else view.partnership.peer


def _open_partnership(partnership: Partnership) -> None:
    if partnership.state != State.ACTIVE:
        raise MeetingRefused(
            f"This partnership is {partnership.get_state_display().lower()}, so meetings "
            "cannot be planned or changed now."
        )


def _checked(partnership, starts_at, duration, mode, place, note, *, now, ignore=None):
    if mode not in MeetingMode.values:
        raise MeetingRefused("Please choose how you would like to meet.")
    if duration not in DURATIONS:
        raise MeetingRefused("Please choose how long the meeting is.")
    for text, what in ((place, "The place or link"), (note, "The note")):
        if len(text) > MEETING_TEXT_MAX:
            raise MeetingRefused(
                f"{what} is {len(text):,} characters; the limit is {MEETING_TEXT_MAX:,}."
            )
    if mode == MeetingMode.IN_PERSON and not place:
        raise MeetingRefused("Please say where you would like to meet in person.")
    if starts_at <= now:
        raise MeetingRefused("That time has already passed. Please choose a time ahead.")
    if starts_at > now + HORIZON:
        raise MeetingRefused("Meetings can be planned up to a year ahead.")
    ends_at = starts_at + timedelta(minutes=duration)
    overlapping = [
        m for m in Meeting.objects.filter(
            partnership=partnership,
            status__in=(MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED),
            starts_at__lt=ends_at, starts_at__gt=starts_at - timedelta(hours=3),
        ).exclude(pk=getattr(ignore, "pk", None))
        if m.ends_at > starts_at
    ]  # fmt: skip
    if overlapping:
        raise MeetingRefused("You already have a meeting planned at that time.")


def _audit(action, view: PartnershipView, by: User, meeting: Meeting) -> None:
    audit_record(
        action=action, actor=by, subject=view.partnership.peer,
        target_type="meeting", target_id=meeting.pk,
    )  # fmt: skip


def _tell(view: PartnershipView, meeting: Meeting, headline: str) -> None:
    """The other person is told on the partnership page and in their notices; never the
    place, the link or the note."""
    other = _other(view)
    notice_send(partnership=view.partnership, person=other, kind=NoticeKind.MEETING_CHANGED)
    when = f"{in_zone(meeting.starts_at, other):%A %d %B, %H:%M}"
    header_notice(
        recipient_id=other.pk,
        headline=headline,
        body=f"For {when} (your time).",
        link=reverse("partnership", args=[view.partnership.pk]) + "#meetings",
    )


def meeting_propose(
    *, view: PartnershipView, by: User, starts_at: datetime, duration: int, mode: str,
    place: str = "", note: str = "", now: datetime | None = None,
) -> Meeting:  # fmt: skip
    """Either person proposes a time; it waits for the other to confirm."""
    now = now or timezone.now()
    place, note = (place or "").strip(), (note or "").strip()
    with transaction.atomic():
        partnership = Partnership.objects.select_for_update().get(pk=view.partnership.pk)
        _open_partnership(partnership)
        _checked(partnership, starts_at, duration, mode, place, note, now=now)
        side = _side(view)
        meeting = Meeting.objects.create(
            partnership=partnership, starts_at=starts_at, duration_minutes=duration, mode=mode,
            place=place, note=note, proposed_by=side,
            awaiting=Side.MENTOR if side == Side.PEER else Side.PEER,
        )  # fmt: skip
        _audit(Action.MEETING_PROPOSE, view, by, meeting)
        _tell(view, meeting, f"{by.display_name} proposed a meeting")
    return meeting


def _meeting_of(view: PartnershipView, meeting_id) -> Meeting:
    meeting = (
        Meeting.objects.select_for_update()
        .filter(partnership=view.partnership, pk=meeting_id)
        .first()
    )
    if meeting is None:
        raise MeetingRefused("That meeting was not found in this partnership.")
    return meeting


def meeting_confirm(*, view: PartnershipView, by: User, meeting_id) -> Meeting:
    """The person the proposal waits for says yes."""
    with transaction.atomic():
        _open_partnership(view.partnership)
        meeting = _meeting_of(view, meeting_id)
        if meeting.status != MeetingStatus.PROPOSED:
            raise MeetingRefused("That meeting is not waiting for an answer.")
        if meeting.awaiting != _side(view):
            raise MeetingRefused("This time waits for the other person to answer.")
        if meeting.starts_at <= timezone.now():
            raise MeetingRefused("That time has passed. Please suggest another one.")
        meeting.status, meeting.awaiting = MeetingStatus.CONFIRMED, ""
        meeting.sequence += 1
        meeting.updated_at = timezone.now()
        meeting.save()
        _audit(Action.MEETING_CONFIRM, view, by, meeting)
        _tell(view, meeting, f"{by.display_name} confirmed your meeting")
    return meeting


def meeting_reschedule(
    *, view: PartnershipView, by: User, meeting_id, starts_at: datetime, duration: int,
    now: datetime | None = None,
) -> Meeting:  # fmt: skip
    """Suggest another time: the meeting waits again, now for the other person."""
    now = now or timezone.now()
    with transaction.atomic():
        _open_partnership(view.partnership)
        meeting = _meeting_of(view, meeting_id)
        if meeting.status == MeetingStatus.CANCELLED:
            raise MeetingRefused("That meeting was cancelled; you can propose a new one.")
        _checked(view.partnership, starts_at, duration, meeting.mode, meeting.place,
                 meeting.note, now=now, ignore=meeting)  # fmt: skip
        side = _side(view)
        meeting.starts_at, meeting.duration_minutes = starts_at, duration
        meeting.status = MeetingStatus.PROPOSED
        meeting.proposed_by = side
        meeting.awaiting = Side.MENTOR if side == Side.PEER else Side.PEER
        meeting.sequence += 1
        meeting.reminded_day_before_at = meeting.reminded_hour_before_at = None
        meeting.updated_at = now
        meeting.save()
        _audit(Action.MEETING_RESCHEDULE, view, by, meeting)
        _tell(view, meeting, f"{by.display_name} suggested another time")
    return meeting


def meeting_cancel(*, view: PartnershipView, by: User, meeting_id, note: str = "") -> Meeting:
    """Either person cancels, with an optional note for the other. Allowed whatever the
    partnership's state: stepping back should never leave a meeting standing."""
    note = (note or "").strip()
    if len(note) > MEETING_TEXT_MAX:
        raise MeetingRefused(f"The note is {len(note):,} characters; the limit is 500.")
    with transaction.atomic():
        meeting = _meeting_of(view, meeting_id)
        if meeting.status == MeetingStatus.CANCELLED:
            raise MeetingRefused("That meeting is already cancelled.")
        meeting.status, meeting.awaiting, meeting.cancel_note = MeetingStatus.CANCELLED, "", note
        meeting.sequence += 1
        meeting.updated_at = timezone.now()
        meeting.save()
        _audit(Action.MEETING_CANCEL, view, by, meeting)
        _tell(view, meeting, f"{by.display_name} cancelled a meeting")
    return meeting


# --- Reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    local_start: datetime  # in the reader's zone
    local_end: datetime
    waits_for_me: bool
    other: User


def _row(meeting: Meeting, person: User, side: str, other: User) -> MeetingRow:
    """One meeting as `person` (on `side`) reads it: in their zone, and whether it waits for
    their answer."""
    waits = meeting.status == MeetingStatus.PROPOSED and meeting.awaiting == side
    return MeetingRow(
        meeting, in_zone(meeting.starts_at, person), in_zone(meeting.ends_at, person), waits, other
    )


def meetings_for(view: PartnershipView, person: User, *, now: datetime | None = None):
    """The partnership's meetings for one of its people, upcoming first, in their zone."""
    now = now or timezone.now()
    side = _side(view)
    other = _other(view)
    rows = Meeting.objects.filter(partnership=view.partnership).order_by("starts_at", "id")
    upcoming, past = [], []
    for meeting in rows:
        row = _row(meeting, person, side, other)
        (upcoming if meeting.ends_at > now else past).append(row)
    return upcoming, list(reversed(past))[:20]


def upcoming_meetings_of(person: User, *, now: datetime | None = None, limit: int = 5):
    """A person's next meetings across their partnerships, for their home page (one query)."""
    now = now or timezone.now()
    rows = (
        Meeting.objects.filter(
            Q(partnership__peer=person) | Q(partnership__mentor=person),
            status__in=(MeetingStatus.PROPOSED, MeetingStatus.CONFIRMED),
            starts_at__gt=now - timedelta(hours=2),
            partnership__state=State.ACTIVE,
        )
        .select_related("partnership__peer", "partnership__mentor")
        .defer("place", "note", "cancel_note")
        .order_by("starts_at")[:limit]
    )
    result = []
    for meeting in rows:
        if meeting.ends_at <= now:
            continue
        partnership = meeting.partnership
        is_peer = partnership.peer_id == person.pk
        other = partnership.mentor if is_peer else partnership.peer
        result.append(_row(meeting, person, Side.PEER if is_peer else Side.MENTOR, other))
    return result


# --- Reminders -----------------------------------------------------------------------------


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind both people of a confirmed meeting a day and an hour before, once each. The
    rows say what is due, so a cancelled or moved meeting never sends an old reminder, and a
    second run sends nothing twice."""
    now = now or timezone.now()
    sent = 0
    for field, ahead, words in REMINDERS:
        due = Meeting.objects.filter(
            status=MeetingStatus.CONFIRMED, starts_at__gt=now, starts_at__lte=now + ahead,
            partnership__state=State.ACTIVE, **{f"{field}__isnull": True},
        ).values_list("pk", flat=True)  # fmt: skip
        for meeting_id in list(due):
            with transaction.atomic():
                meeting = (
                    Meeting.objects.select_for_update()
                    .select_related("partnership__peer", "partnership__mentor")
                    .filter(pk=meeting_id, status=MeetingStatus.CONFIRMED,
                            **{f"{field}__isnull": True})
                    .first()
                )  # fmt: skip
                if meeting is None:
                    continue
                setattr(meeting, field, now)
                meeting.save(update_fields=[field])
                if field == "reminded_hour_before_at" and meeting.reminded_day_before_at is None:
                    # Confirmed less than a day ahead: one reminder is enough.
                    meeting.reminded_day_before_at = now
                    meeting.save(update_fields=["reminded_day_before_at"])
                for person, other in (
                    (meeting.partnership.peer, meeting.partnership.mentor),
                    (meeting.partnership.mentor, meeting.partnership.peer),
                ):
                    header_notice(
                        recipient_id=person.pk,
                        headline=f"Your meeting with {other.display_name} is {words}",
                        body=f"{in_zone(meeting.starts_at, person):%A %d %B, %H:%M} (your time).",
                        link=reverse("partnership", args=[meeting.partnership_id]) + "#meetings",
                    )
                sent += 1
    return sent


# --- The calendar file ---------------------------------------------------------------------


def calendar_file(meeting: Meeting, person: User) -> bytes:
    """One meeting as an iCalendar file for this person's calendar: the time, the way to meet
    and, for the two of them only, the place or link. Never the note."""
    from icalendar import Calendar, Event

    partnership = meeting.partnership
    other = partnership.mentor if partnership.peer_id == person.pk else partnership.peer
    calendar = Calendar()
    calendar.add("prodid", "-//Alongside//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@alongside")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"Meeting with {other.display_name}")
    event.add("description", meeting.get_mode_display())
    if meeting.place:
        event.add("location", meeting.place)
    event.add("status", {"proposed": "TENTATIVE", "confirmed": "CONFIRMED",
                         "cancelled": "CANCELLED"}[meeting.status])  # fmt: skip
    calendar.add_component(event)
    return calendar.to_ical()


# --- The mentor's reflection after a meeting -------------------------------------------------

REFLECTION_FIELDS = ("connection", "worldview", "mutuality", "moving_towards", "self_care")


def reflection_of(meeting: Meeting, mentor: User):
    from alongside.partnerships.models import MeetingReflection

    return MeetingReflection.objects.filter(meeting=meeting, mentor=mentor).first()


def meeting_reflection_save(*, view: PartnershipView, by: User, meeting_id, data: dict,
                            share: bool, now: datetime | None = None):  # fmt: skip
    """The mentor's own reflection on a meeting that has taken place; private unless shared
    with a coordinator for supervision."""
    from alongside.partnerships.models import MeetingReflection

    now = now or timezone.now()
    if view.is_peer:
        raise MeetingRefused("Reflections after a meeting are the mentor's own.")
    with transaction.atomic():
        meeting = _meeting_of(view, meeting_id)
        if meeting.status != MeetingStatus.CONFIRMED or meeting.starts_at > now:
            raise MeetingRefused("A reflection is written after a meeting has taken place.")
        values = {name: (data.get(name) or "").strip() for name in REFLECTION_FIELDS}
        if not any(values.values()):
            raise MeetingRefused("Please write something in at least one of the questions.")
        reflection, _ = MeetingReflection.objects.get_or_create(meeting=meeting, mentor=by)
        for name, value in values.items():
            setattr(reflection, name, value)
        if share and reflection.shared_for_supervision_at is None:
            reflection.shared_for_supervision_at = now
        elif not share:
            reflection.shared_for_supervision_at = None
        reflection.updated_at = now
        reflection.save()
        _audit(Action.MEETING_REFLECTION_SAVE, view, by, meeting)
    return reflection
