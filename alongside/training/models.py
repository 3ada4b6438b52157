from django.conf import settings
from django.db import models
from django.utils import timezone

from alongside.core.fields import EncryptedTextField


class ModuleRead(models.Model):
    """That a mentor finished reading a module's text, so they can resume at its check."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="modules_read"
    )
    module_slug = models.SlugField(max_length=80)
    module_version = models.PositiveIntegerField()
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "module_slug", "module_version"], name="one_read_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} read {self.module_slug} v{self.module_version}"


class CheckAttempt(models.Model):
    """One graded knowledge check; retakes add rows, nothing is overwritten."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="check_attempts"
    )
    module_slug = models.SlugField(max_length=80)
    module_version = models.PositiveIntegerField()
    correct = models.PositiveSmallIntegerField()
    total = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(help_text="Percent of questions answered well.")
    passed = models.BooleanField()
    answers = models.JSONField(help_text="Question id to chosen option id.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["mentor", "module_slug", "passed"])]

    def __str__(self) -> str:
        return f"{self.mentor} {self.module_slug} v{self.module_version}: {self.score}%"


class ReadinessReflection(models.Model):
    """A mentor's private self-reflection; it prepares a conversation and is never scored."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="readiness_reflection"
    )
    prompts_version = models.PositiveIntegerField()
    # Prompt id to answer, as JSON, encrypted as a whole: the answers are private free text.
    answers = EncryptedTextField(default="{}")
    updated_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Readiness reflection of {self.mentor}"


class CodeSignature(models.Model):
    """A mentor signed one version of the code of conduct by typing their name."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="code_signatures"
    )
    version = models.PositiveIntegerField()
    typed_name = models.CharField(max_length=120)
    signed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mentor", "version"], name="one_signature_per_version")
        ]
        ordering = ["-signed_at"]

    def __str__(self) -> str:
        return f"{self.mentor} signed v{self.version}"


class ApplicationStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted for review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    SUSPENDED = "suspended", "Suspended"


class MentorApplication(models.Model):
    """A person's application to mentor, and the coordinator's decision on it."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_application"
    )
    status = models.CharField(
        max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.IN_PROGRESS
    )
    interview_notes = EncryptedTextField(blank=True, default="")
    # Encrypted text cannot be tested for emptiness in SQL; the queue reads this instead.
    notes_updated_at = models.DateTimeField(null=True, blank=True)
    decision_reason = EncryptedTextField(blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Application of {self.mentor}: {self.get_status_display()}"
