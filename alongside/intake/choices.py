"""The words a peer's intake and a mentor's profile are both written in, and the one rule
they share: meeting in person needs a region."""

from django.db import models


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


def meets_in_person(modes) -> bool:
    return MeetingMode.IN_PERSON in (modes or ())


def region_missing(modes, region: str) -> bool:
    """In person was chosen but no region given: the one place this rule is written."""
    return meets_in_person(modes) and not (region or "").strip()


def labels(values, choices) -> list[str]:
    """Human labels for stored values, in the order given; unknown values are skipped."""
    names = dict(choices)
    return [names[value] for value in values or () if value in names]
