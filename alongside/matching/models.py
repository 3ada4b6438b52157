from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alongside.core.fields import EncryptedJSONField, EncryptedTextField


class LivedExperience(models.TextChoices):
    ANOREXIA = "anorexia", "Anorexia"
    BULIMIA = "bulimia", "Bulimia"
    BINGE_EATING = "binge_eating", "Binge eating"
    ARFID = "arfid", "ARFID"
    OSFED = "osfed", "OSFED (other specified eating disorders)"
    BODY_IMAGE = "body_image", "Body image"
    LARGER_BODY = "larger_body", "Recovery in a larger body"
    ANXIETY_DEPRESSION = "anxiety_depression", "Co-occurring anxiety or depression"
    FAMILY = "family", "Family relationships"
    LGBTQ2S = "lgbtq2s", "LGBTQ2S+ experiences"
    ATHLETES = "athletes", "Sport and athletics"
    LATER_LIFE = "later_life", "Eating disorders later in life"


class Language(models.TextChoices):
    EN = "en", "English"
    FR = "fr", "Français"
    ES = "es", "Español"
    PT = "pt", "Português"
    ZH = "zh", "中文"
    AR = "ar", "العربية"
    PA = "pa", "ਪੰਜਾਬੀ"
    ASL = "ase", "American Sign Language"


class MeetingMode(models.TextChoices):
    CHAT = "chat", "Chat"
    VIDEO = "video", "Video link"
    PHONE = "phone", "Phone"
    IN_PERSON = "in_person", "In person"


class Day(models.TextChoices):
    MON = "mon", "Monday"
    TUE = "tue", "Tuesday"
    WED = "wed", "Wednesday"
    THU = "thu", "Thursday"
    FRI = "fri", "Friday"
    SAT = "sat", "Saturday"
    SUN = "sun", "Sunday"


class PartOfDay(models.TextChoices):
    MORNING = "morning", "Morning"
    AFTERNOON = "afternoon", "Afternoon"
    EVENING = "evening", "Evening"


# Availability windows are stored as "day-part" strings such as "mon-evening".
AVAILABILITY_CHOICES = [
    (f"{day}-{part}", f"{day_label} {part_label.lower()}")
    for day, day_label in Day.choices
    for part, part_label in PartOfDay.choices
]


class AgeRange(models.TextChoices):
    UNDER_25 = "18-24", "18 to 24"
    TWENTY_FIVE = "25-34", "25 to 34"
    THIRTY_FIVE = "35-49", "35 to 49"
    FIFTY = "50+", "50 and over"


class MentorProfile(models.Model):
    """What peers will see when choosing a mentor; identity facets only if marked shared."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    # The mentor's own words for peers to read: profile text, public by design, not private.
    about_me = models.TextField(max_length=1500, blank=True)
    lived_experience = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    meeting_modes = models.JSONField(default=list, blank=True)
    region = models.CharField(max_length=80, blank=True, help_text="Where you can meet in person.")
    availability = models.JSONField(default=list, blank=True)
    gender = models.CharField(max_length=60, blank=True)
    share_gender = models.BooleanField(default=False)
    age_range = models.CharField(max_length=8, choices=AgeRange.choices, blank=True)
    share_age_range = models.BooleanField(default=False)
    lgbtq2s = models.BooleanField(default=False, verbose_name="I am LGBTQ2S+")
    share_lgbtq2s = models.BooleanField(default=False)
    culture = models.CharField(max_length=120, blank=True)
    share_culture = models.BooleanField(default=False)
    caseload_cap = models.PositiveSmallIntegerField(default=1)
    # A mentor can pause new matches for self-care without losing approval or partnerships.
    is_paused = models.BooleanField(default=False)
    # Kept up to date by the save service so "matchable" stays one indexed query.
    is_complete = models.BooleanField(default=False)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Mentor profile of {self.mentor}"


class ShareItem(models.TextChoices):
    """Parts of the intake a peer can show the mentor they choose, one toggle each."""

    HOPES = "hopes", "What I hope for"
    TALK_ABOUT = "talk_about", "What I would like to talk about"
    AVOID_TOPICS = "avoid_topics", "Topics I would rather avoid"
    LIVED_EXPERIENCE = "lived_experience", "Experiences I would like my mentor to understand"
    MEETING = "meeting", "How and when I would like to meet"
    LIGHTS_GREEN = "lights_green", "My lights plan: green"
    LIGHTS_YELLOW = "lights_yellow", "My lights plan: yellow"
    LIGHTS_RED = "lights_red", "My lights plan: red"


LIGHTS = ("green", "yellow", "red")
LIGHTS_PARTS = ("signs", "helps", "mentor")


class PeerIntake(models.Model):
    """What a peer tells us to find a mentor. Every answer is optional; private ones are
    encrypted, and the mentor sees only the items listed in `shared_items`."""

    peer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="peer_intake"
    )
    hopes = EncryptedTextField(blank=True, default="")
    talk_about = EncryptedTextField(blank=True, default="")
    avoid_topics = EncryptedJSONField(default=list, blank=True)
    # Health information, so encrypted even though ranking reads it (in Python, never in SQL).
    lived_experience = EncryptedJSONField(default=list, blank=True)
    meeting_modes = models.JSONField(default=list, blank=True)
    preferred_times = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    region = models.CharField(max_length=80, blank=True)
    # Identity-facet preferences: blank or False means "no preference".
    prefer_gender = EncryptedTextField(blank=True, default="")
    prefer_age_range = models.CharField(max_length=8, choices=AgeRange.choices, blank=True)
    prefer_lgbtq2s = models.BooleanField(default=False)
    prefer_culture = EncryptedTextField(blank=True, default="")
    # {"green": {"signs": "...", "helps": "...", "mentor": "..."}, "yellow": ..., "red": ...}
    lights_plan = EncryptedJSONField(default=dict, blank=True)
    shared_items = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Intake of {self.peer}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the mentor"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    EXPIRED = "expired", "Expired"
    WITHDRAWN = "withdrawn", "Withdrawn"


class MentorRequest(models.Model):
    """A peer asking one mentor to partner with them; one pending request per peer."""

    peer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_mentor_requests"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_requests"
    )
    note = EncryptedTextField(blank=True, default="")
    status = models.CharField(
        max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    # For coordinators only; the peer is never shown why.
    decline_reason = EncryptedTextField(blank=True, default="")
    partnership = models.OneToOneField(
        "partnerships.Partnership",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentor_request",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer"],
                condition=Q(status="pending"),
                name="one_pending_request_per_peer",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="request_status_created")]

    def __str__(self) -> str:
        return f"Request {self.pk} ({self.status})"


class WaitlistEntry(models.Model):
    """A peer who asked to hear when a mentor who fits becomes available."""

    peer = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entry"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Set when a fitting mentor appeared; the peer's home shows a notice until they act on it.
    notified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Waitlist entry of {self.peer}"
