"""Reads of a peer's intake: the whole of it for the peer, the shared items for a mentor."""

from dataclasses import dataclass

from alongside.accounts.models import User
from alongside.intake.choices import (
    AVAILABILITY_CHOICES,
    Language,
    LivedExperience,
    MeetingMode,
    labels,
    meets_in_person,
)
from alongside.intake.models import PeerIntake, ShareItem


def intake_for(peer: User) -> PeerIntake:
    """The peer's intake, or an unsaved empty one."""
    return PeerIntake.objects.filter(peer=peer).first() or PeerIntake(peer=peer)


def regions_of(peer_ids) -> dict[int, str]:
    """Each peer's region from their intake (decrypted; for staff who oversee safety)."""
    rows = PeerIntake.objects.filter(peer_id__in=peer_ids).only("peer_id", "region")
    return {intake.peer_id: intake.region for intake in rows}


def has_intake(peer: User) -> bool:
    """The peer's intake is complete: every step saved at least once, as the single form once
    had to be saved whole. A step saved and the rest left for later does not count yet."""
    intake = PeerIntake.objects.filter(peer=peer).only("peer_id", "steps_saved").first()
    return intake is not None and intake.is_complete


@dataclass(frozen=True)
class SharedItem:
    key: str
    label: str
    text: str = ""
    items: tuple[str, ...] = ()


def shared_intake(intake: PeerIntake | None) -> list[SharedItem]:
    """Only what the peer ticked "share", and only items with an answer."""
    if intake is None:
        return []
    shared = set(intake.shared_items or [])
    rows = []
    for item in ShareItem:
        if item.value not in shared:
            continue
        row = _shared_item(intake, item)
        if row.text or row.items:
            rows.append(row)
    return rows


def shared_intake_of(peer: User) -> list[SharedItem]:
    """What the peer currently shares with their mentor (the peer can change it any time)."""
    return shared_intake(PeerIntake.objects.filter(peer=peer).first())


def avoid_topics_for_mentor(peer: User) -> list[str]:
    """Topics the peer asked their mentor to steer clear of, only if the peer shared them.

    This feeds the language coach's `avoid_topics` for the mentor."""
    intake = PeerIntake.objects.filter(peer=peer).first()
    if intake is None or ShareItem.AVOID_TOPICS not in (intake.shared_items or []):
        return []
    return list(intake.avoid_topics or [])


def _shared_item(intake: PeerIntake, item: ShareItem) -> SharedItem:
    if item == ShareItem.HOPES:
        return SharedItem(item.value, item.label, text=intake.hopes)
    if item == ShareItem.TALK_ABOUT:
        return SharedItem(item.value, item.label, text=intake.talk_about)
    if item == ShareItem.AVOID_TOPICS:
        return SharedItem(item.value, item.label, items=tuple(intake.avoid_topics or ()))
    if item == ShareItem.LIVED_EXPERIENCE:
        areas = labels(intake.lived_experience, LivedExperience.choices)
        return SharedItem(item.value, item.label, items=tuple(areas))
    if item == ShareItem.MEETING:
        return SharedItem(item.value, item.label, items=tuple(_meeting_lines(intake)))
    light = item.value.removeprefix("lights_")
    return SharedItem(item.value, item.label, text=_lights_text(intake.lights_plan or {}, light))


def _lights_text(plan: dict, light: str) -> str:
    parts = plan.get(light) or {}
    heads = {"signs": "Signs", "helps": "What helps", "mentor": "What I'd like my mentor to do"}
    return "\n".join(f"{heads[k]}: {parts[k]}" for k in heads if parts.get(k))


def _meeting_lines(intake: PeerIntake) -> list[str]:
    lines = []
    if intake.meeting_modes:
        lines.append("Ways: " + ", ".join(labels(intake.meeting_modes, MeetingMode.choices)))
    if intake.preferred_times:
        lines.append("Times: " + ", ".join(labels(intake.preferred_times, AVAILABILITY_CHOICES)))
    if intake.languages:
        lines.append("Languages: " + ", ".join(labels(intake.languages, Language.choices)))
    if intake.region and meets_in_person(intake.meeting_modes):
        lines.append(f"Region: {intake.region}")
    return lines
