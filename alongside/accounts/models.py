from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedTextField


class Role(models.TextChoices):
    PEER = "peer", "Peer"
    MENTOR = "mentor", "Peer mentor"
    COORDINATOR = "coordinator", "Coordinator"
    ADMIN = "admin", "Administrator"


# Roles whose accounts can reach other people's metadata: they must use two-factor sign-in.
MFA_REQUIRED_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("an email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person using Alongside. Shown by display name; a legal name is never asked for."""

    email = models.EmailField(unique=True)
    display_name = models.CharField(
        max_length=60, help_text="The name others see. It does not have to be your legal name."
    )
    pronouns = models.CharField(max_length=40, blank=True)
    region = models.CharField(max_length=80, blank=True, help_text="Province, state or area.")
    preferred_language = models.CharField(
        max_length=16, default="en", choices=[("en", "English"), ("fr", "Français")]
    )
    # Off unless the person turns it on: an email, even one without words, is a trace.
    email_when_messages_wait = models.BooleanField(
        default=False,
        verbose_name="Email me when a message has waited unread for a while",
        help_text="The email says only that a message is waiting, never who wrote it or what.",
    )
    # An IANA name ("Europe/Paris"); empty until the person (or their browser) says. Meeting
    # times are shown in it; an empty one reads as the program's TIME_ZONE.
    time_zone = models.CharField(max_length=64, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # Set when the person erased their account: the row stays only as a nameless tombstone so
    # the other side of a conversation reads "someone who left", until the purge removes it.
    erased_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        ordering = ["display_name", "id"]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def role_set(self) -> frozenset[str]:
        """The roles this person holds, loaded once per instance."""
        cached = self.__dict__.get("_role_set")
        if cached is None:
            cached = frozenset(self.role_assignments.values_list("role", flat=True))
            self.__dict__["_role_set"] = cached
        return cached

    def has_role(self, role: str) -> bool:
        return role in self.role_set

    @property
    def zone(self):
        """This person's time zone as a ZoneInfo (the program's when they have none)."""
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo(settings.TIME_ZONE)

    def forget_cached_roles(self) -> None:
        self.__dict__.pop("_role_set", None)


class RoleAssignment(models.Model):
    """One role held by one person; a person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="one_assignment_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.get_role_display()}"


class ConsentRecord(models.Model):
    """That a person accepted a given version of the privacy and confidentiality statement."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="consents")
    version = models.PositiveIntegerField()
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "version"], name="one_consent_per_version")
        ]
        ordering = ["-accepted_at"]

    def __str__(self) -> str:
        return f"{self.user} accepted v{self.version}"


class ContentAccess(models.Model):
    """A staff member opened someone's private content, and the reason they wrote (encrypted).

    The audit event for the opening points here ("content_access:<id>") instead of holding
    the reason's words, which can themselves say something private.
    """

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    reason = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    # What the person reads on their privacy page for each kind of opening.
    TARGET_LABELS = {
        "escalation": "your conversation, after a safety alert",
        "reflection": "your readiness reflection",
        "mentor_request": "the reason a request was declined",
    }

    def __str__(self) -> str:
        return f"{self.target_type} #{self.target_id} opened by {self.staff_id}"

    def get_target_label(self) -> str:
        return self.TARGET_LABELS.get(self.target_type, "private content")
