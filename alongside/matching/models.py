from django.conf import settings
from django.db import models
from django.utils import timezone


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
