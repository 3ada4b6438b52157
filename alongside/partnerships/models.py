from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.core.fields import EncryptedTextField


class State(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    CLOSING = "closing", "Closing"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"


# Partnerships that count against a mentor's caseload and a peer's one-at-a-time rule.
CURRENT_STATES = (State.ACTIVE, State.PAUSED, State.CLOSING)
# Only these count against the mentor's cap: a closing partnership is winding down.
LOAD_STATES = (State.ACTIVE, State.PAUSED)

PAUSE_NOTE_MAX = 1000


class Side(models.TextChoices):
    """Which of the two people did something (who paused, who proposed)."""

    PEER = "peer", "Peer"
    MENTOR = "mentor", "Mentor"


class Partnership(models.Model):
    """A peer and the mentor they chose, from acceptance to a planned close."""

    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_partnerships"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_partnerships"
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.REQUESTED)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # Who paused decides who may resume: only the peer lifts their own step back.
    paused_by = models.CharField(max_length=8, choices=Side.choices, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    # A mentor's optional words to the coordinators when they pause; never shown to the peer.
    pause_note = EncryptedTextField(blank=True, default="")
    # Who proposed closing (either may); the peer leads the plan for it.
    closing_proposed_by = models.CharField(max_length=8, choices=Side.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One current partnership per peer: the last guard behind the service's own check.
            models.UniqueConstraint(
                fields=["peer"],
                condition=Q(state__in=["active", "paused", "closing"]),
                name="one_current_partnership_per_peer",
            ),
        ]
        indexes = [models.Index(fields=["mentor", "state"], name="partnership_mentor_state")]

    def __str__(self) -> str:
        return f"Partnership {self.pk} ({self.state})"


class NoticeKind(models.TextChoices):
    """What a notice tells its reader. The words are the template's, never private text."""

    STEPPED_BACK = "stepped_back", "The peer stepped back"
    MENTOR_PAUSED = "mentor_paused", "The mentor paused"
    RESUMED = "resumed", "The partnership resumed"
    CLOSING_PROPOSED = "closing_proposed", "Closing was proposed"
    CLOSED = "closed", "The partnership closed"
    ENDED_BY_PEER = "ended_by_peer", "The peer ended the partnership"
    ENDED_BY_COORDINATOR = "ended_by_coordinator", "A coordinator ended the partnership"
    MEETING_CHANGED = "meeting_changed", "A meeting was proposed or changed"


class Notice(models.Model):
    """A short, kind word to one of the two people that something changed in their
    partnership, shown on its page until they have seen it."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="notices")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partnership_notices"
    )
    kind = models.CharField(max_length=32, choices=NoticeKind.choices)
    created_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["person", "seen_at"], name="notice_person_seen")]

    def __str__(self) -> str:
        return f"Notice {self.kind} for {self.person_id}"


CLOSING_TEXT_MAX = 2000
CONCERN_MAX = 4000


class ClosingPlan(models.Model):
    """How the peer would like the partnership to end well: a last meeting, what they take
    forward, and whether they would like to hear about community groups. The peer writes it;
    the mentor reads it."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="closing_plan"
    )
    last_meeting = EncryptedTextField(blank=True, default="")
    take_forward = EncryptedTextField(blank=True, default="")
    community_groups = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Closing plan of partnership {self.partnership_id}"


class ClosingReflection(models.Model):
    """One person's reflection on the partnership as it ends: private, or shared with the other."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="closing_reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="closing_reflections"
    )
    text = EncryptedTextField()
    shared = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "author"], name="one_closing_reflection_each"
            )
        ]

    def __str__(self) -> str:
        return f"Closing reflection by {self.author_id} in {self.partnership_id}"


class MentorBlock(models.Model):
    """A peer asked never to be suggested this mentor again, nor contacted by them."""

    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_blocks"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["peer", "mentor"], name="one_block_per_pair")
        ]

    def __str__(self) -> str:
        return f"{self.peer_id} blocked {self.mentor_id}"


class PartnershipConcern(models.Model):
    """A peer's concern about their partnership, in their own words, for the coordinators."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    taken_up_at = models.DateTimeField(null=True, blank=True)
    taken_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["taken_up_at", "created_at", "id"]  # waiting ones first

    def __str__(self) -> str:
        return f"Concern {self.pk} about partnership {self.partnership_id}"


AGREEMENT_TEXT_MAX = 1000


class Agreement(models.Model):
    """The mentor's side of the agreement: their own boundaries, which the peer sees. The peer's
    side (lights plan, topics to avoid) lives in their intake and is theirs to edit."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="agreement"
    )
    mentor_boundaries = EncryptedTextField(blank=True, default="")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Agreement of partnership {self.partnership_id}"


class ProposalPart(models.TextChoices):
    """Where a mentor's proposed addition would go in the peer's plan."""

    GREEN_HELPS = "green_helps", "Green: what helps"
    GREEN_MENTOR = "green_mentor", "Green: what I'd like my mentor to do"
    YELLOW_HELPS = "yellow_helps", "Yellow: what helps"
    YELLOW_MENTOR = "yellow_mentor", "Yellow: what I'd like my mentor to do"
    RED_HELPS = "red_helps", "Red: what helps"
    RED_MENTOR = "red_mentor", "Red: what I'd like my mentor to do"
    AVOID = "avoid", "A topic to avoid"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the peer"
    ACCEPTED = "accepted", "Added"
    DECLINED = "declined", "Not added"


class AgreementProposal(models.Model):
    """A mentor's proposed addition to the peer's plan; it is added only if the peer accepts."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="agreement_proposals"
    )
    part = models.CharField(max_length=16, choices=ProposalPart.choices)
    text = EncryptedTextField()
    status = models.CharField(
        max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Proposal {self.pk} ({self.status})"


class AgreementChange(models.Model):
    """One line of the agreement's history, which the peer sees: who changed what, when."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="agreement_changes"
    )
    by = models.CharField(max_length=8, choices=Side.choices)
    summary = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Agreement change {self.pk}"


MEETING_TEXT_MAX = 500


class MeetingMode(models.TextChoices):
    CHAT = "chat", "Chat here, in your conversation"
    VIDEO = "video", "Video call"
    PHONE = "phone", "Phone call"
    IN_PERSON = "in_person", "In person"


class MeetingStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(models.Model):
    """A time the two agreed (or are agreeing) to meet. The peer controls when: a mentor's
    proposal waits for the peer, and either side's new time waits for the other."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField(help_text="Stored in UTC; shown in each person's zone.")
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    mode = models.CharField(max_length=16, choices=MeetingMode.choices)
    # Where (a place the peer chose) or the video link: only the two ever see it.
    place = EncryptedTextField(blank=True, default="")
    note = EncryptedTextField(blank=True, default="")
    status = models.CharField(
        max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.PROPOSED
    )
    proposed_by = models.CharField(max_length=8, choices=Side.choices)
    # Who must answer the current proposal: the other side of whoever last proposed a time.
    awaiting = models.CharField(max_length=8, choices=Side.choices, blank=True)
    cancel_note = EncryptedTextField(blank=True, default="")
    # Bumped on every change, so a calendar that imported the file sees the update.
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    reminded_day_before_at = models.DateTimeField(null=True, blank=True)
    reminded_hour_before_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["status", "starts_at"], name="meeting_status_start")]

    def __str__(self) -> str:
        return f"Meeting {self.pk} ({self.status})"

    @property
    def ends_at(self):
        from datetime import timedelta

        return self.starts_at + timedelta(minutes=self.duration_minutes)


class MeetingReflection(models.Model):
    """The mentor's private reflection after a meeting, guided by the four tasks and one
    self-care question. Private to the mentor unless they share it with a coordinator for
    supervision (recorded here; the coordinator's side comes with supervision)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="reflection")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_reflections"
    )
    connection = EncryptedTextField(blank=True, default="")
    worldview = EncryptedTextField(blank=True, default="")
    mutuality = EncryptedTextField(blank=True, default="")
    moving_towards = EncryptedTextField(blank=True, default="")
    self_care = EncryptedTextField(blank=True, default="")
    shared_for_supervision_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Reflection on meeting {self.meeting_id}"
