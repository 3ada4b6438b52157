"""Changes along the mentor pathway; each one is audited."""

import json
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.models import User
from alongside.accounts.services import private_content_open
from alongside.audit.models import Action
from alongside.audit.services import audit_record
from alongside.notices.services import notice_send
from alongside.training.content import Module, curriculum
from alongside.training.models import (
    ApplicationStatus,
    CheckAttempt,
    CodeSignature,
    MentorApplication,
    ModuleRead,
    ReadinessReflection,
)
from alongside.training.selectors import SUBMITTABLE, pathway
from alongside.training.signals import mentor_approved


class PathwayError(ValueError):
    """A pathway change that is not allowed, with a message fit to show."""


class GradingError(PathwayError):
    """Answers that do not match the current knowledge check; nothing is recorded."""


@dataclass(frozen=True)
class Grade:
    correct: int
    total: int
    passed: bool

    @property
    def score(self) -> int:
        """Whole percent, rounded down so a score shown never overstates the result."""
        return self.correct * 100 // self.total


def grade(module: Module, answers: dict[str, str], pass_mark: int) -> Grade:
    """Grade answers against the module's current questions; they must match exactly."""
    expected = {q.id for q in module.questions}
    if set(answers) != expected:
        raise GradingError(
            "These answers do not match the current questions of this check. "
            "Nothing was recorded; please answer the check again."
        )
    correct = 0
    for question in module.questions:
        option = question.option(answers[question.id])
        if option is None:
            raise GradingError(f"An answer to “{question.prompt}” is not one of its options.")
        correct += option.correct
    total = len(module.questions)
    # Integer arithmetic: 4 of 5 at a pass mark of 80 must pass, with no float rounding.
    return Grade(correct=correct, total=total, passed=correct * 100 >= pass_mark * total)


def module_mark_read(*, mentor: User, module: Module) -> None:
    """Remember that the mentor finished the module's text (idempotent)."""
    with transaction.atomic():
        _, created = ModuleRead.objects.get_or_create(
            mentor=mentor, module_slug=module.slug, module_version=module.version
        )
        if created:
            audit_record(
                action=Action.TRAINING_MODULE_READ,
                actor=mentor,
                target_type="module",
                target_id=module.slug,
                subject=mentor,
            )


def check_attempt_record(
    *, mentor: User, module_slug: str, module_version: int, answers: dict[str, str]
) -> CheckAttempt:
    """Grade and store one attempt at a knowledge check on its current version."""
    module = curriculum().module(module_slug)
    if module is None or not module.questions:
        raise GradingError("This module has no knowledge check.")
    if module_version != module.version:
        raise GradingError(
            "This module was updated since you opened the check. "
            "Nothing was recorded; please read it again and retake the check."
        )
    result = grade(module, answers, settings.TRAINING_PASS_MARK)
    with transaction.atomic():
        attempt = CheckAttempt.objects.create(
            mentor=mentor,
            module_slug=module.slug,
            module_version=module.version,
            correct=result.correct,
            total=result.total,
            score=result.score,
            passed=result.passed,
            answers=dict(answers),
        )
        audit_record(
            action=Action.TRAINING_CHECK_ATTEMPT,
            actor=mentor,
            target_type="check_attempt",
            target_id=attempt.pk,
            subject=mentor,
        )
    return attempt


def reflection_save(*, mentor: User, answers: dict[str, str], submit: bool) -> ReadinessReflection:
    """Save the reflection as a draft, or submit it for the coordinator conversation."""
    prompts = curriculum().prompts
    if not prompts:
        raise PathwayError("The readiness reflection is not published yet.")
    clean = {p.id: (answers.get(p.id) or "").strip() for p in prompts}
    if submit and not all(clean.values()):
        raise PathwayError("Please write something for every question before submitting.")
    with transaction.atomic():
        reflection, _ = ReadinessReflection.objects.select_for_update().get_or_create(
            mentor=mentor, defaults={"prompts_version": curriculum().reflection_version}
        )
        if reflection.submitted_at is not None:
            raise PathwayError("Your reflection is already submitted and can no longer change.")
        reflection.answers = json.dumps(clean)
        reflection.prompts_version = curriculum().reflection_version
        reflection.updated_at = timezone.now()
        reflection.submitted_at = timezone.now() if submit else None
        reflection.save()
        action = Action.REFLECTION_SUBMIT if submit else Action.REFLECTION_SAVE
        audit_record(
            action=action,
            actor=mentor,
            target_type="reflection",
            target_id=reflection.pk,
            subject=mentor,
        )
    return reflection


def reflection_open_for_review(
    *, mentor: User, by: User, reason: str
) -> ReadinessReflection | None:
    """A coordinator reads a mentor's reflection, having written why; each reading is on the
    record with that reason (encrypted)."""
    reflection = ReadinessReflection.objects.filter(mentor=mentor).first()
    if reflection is not None:
        private_content_open(
            staff=by, subject=mentor, action=Action.REFLECTION_VIEW, target_type="reflection",
            target_id=reflection.pk, reason=reason,
        )  # fmt: skip
    return reflection


def code_sign(*, mentor: User, version: int, typed_name: str) -> CodeSignature:
    """Sign the code of conduct the mentor was shown; a version that is no longer current fails."""
    code = curriculum().code
    if code is None:
        raise PathwayError("The code of conduct is not published yet.")
    if version != code.version:
        raise PathwayError("The code of conduct changed since you opened it; please read it again.")
    name = typed_name.strip()
    if len(name) < 2:
        raise PathwayError("Please type your name (at least 2 characters) to sign.")
    with transaction.atomic():
        signature, created = CodeSignature.objects.get_or_create(
            mentor=mentor, version=version, defaults={"typed_name": name}
        )
        if created:
            audit_record(
                action=Action.CONDUCT_SIGN,
                actor=mentor,
                target_type="code_of_conduct",
                target_id=version,
                subject=mentor,
            )
    return signature


def application_submit(*, mentor: User) -> MentorApplication:
    """Send a finished application to the coordinators; refused with what is still missing."""
    steps = pathway(mentor)
    if steps.application.status not in SUBMITTABLE:
        raise PathwayError(f"Your application is {steps.application.get_status_display().lower()}.")
    if steps.missing:
        raise PathwayError("Before submitting, please " + "; ".join(steps.missing) + ".")
    with transaction.atomic():
        application, _ = MentorApplication.objects.select_for_update().get_or_create(mentor=mentor)
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = timezone.now()
        application.save(update_fields=["status", "submitted_at"])
        audit_record(
            action=Action.APPLICATION_SUBMIT,
            actor=mentor,
            target_type="mentor_application",
            target_id=application.pk,
            subject=mentor,
        )
    return application


def application_save_notes(*, mentor: User, by: User, notes: str) -> MentorApplication:
    """A coordinator's interview notes, kept encrypted and only on the application."""
    with transaction.atomic():
        application, _ = MentorApplication.objects.select_for_update().get_or_create(mentor=mentor)
        application.interview_notes = notes.strip()
        application.notes_updated_at = timezone.now()
        application.save(update_fields=["interview_notes", "notes_updated_at"])
        audit_record(
            action=Action.MENTOR_INTERVIEW_NOTES,
            actor=by,
            target_type="mentor_application",
            target_id=application.pk,
            subject=mentor,
        )
    return application


class Decision:
    APPROVE = "approve"
    DECLINE = "decline"
    REQUEST_CHANGES = "request_changes"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"


# For each decision: the statuses it may follow and the status it leads to.
_TRANSITIONS = {
    Decision.APPROVE: ((ApplicationStatus.SUBMITTED,), ApplicationStatus.APPROVED),
    Decision.DECLINE: (
        (ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED),
        ApplicationStatus.DECLINED,
    ),
    Decision.REQUEST_CHANGES: ((ApplicationStatus.SUBMITTED,), ApplicationStatus.CHANGES_REQUESTED),
    Decision.SUSPEND: ((ApplicationStatus.APPROVED,), ApplicationStatus.SUSPENDED),
    Decision.REINSTATE: ((ApplicationStatus.SUSPENDED,), ApplicationStatus.APPROVED),
}
DECISIONS = tuple(_TRANSITIONS)
_DECISION_ACTIONS = {
    Decision.APPROVE: Action.MENTOR_APPROVE,
    Decision.DECLINE: Action.MENTOR_DECLINE,
    Decision.REQUEST_CHANGES: Action.MENTOR_REQUEST_CHANGES,
    Decision.SUSPEND: Action.MENTOR_SUSPEND,
    Decision.REINSTATE: Action.MENTOR_REINSTATE,
}


def application_decide(*, mentor: User, by: User, decision: str, reason: str) -> MentorApplication:
    """Approve, decline, request changes, suspend or reinstate, always with a reason.

    Suspending changes only the application: partnerships and peers' data stay as they are,
    and the mentor simply stops being matchable (see matching.selectors.matchable_mentors).
    """
    if decision not in _TRANSITIONS:
        raise PathwayError("Unknown decision.")
    if by.pk == mentor.pk:
        raise PathwayError("You cannot decide on your own mentor application.")
    if not reason.strip():
        raise PathwayError("Please give a reason for this decision.")
    allowed_from, to = _TRANSITIONS[decision]
    with transaction.atomic():
        application, _ = MentorApplication.objects.select_for_update().get_or_create(mentor=mentor)
        if application.status not in allowed_from:
            raise PathwayError(
                f"An application that is {application.get_status_display().lower()} "
                f"cannot be given that decision."
            )
        application.status = to
        application.decision_reason = reason.strip()
        application.decided_by = by
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        audit_record(
            action=_DECISION_ACTIONS[decision],
            actor=by,
            target_type="mentor_application",
            target_id=application.pk,
            subject=mentor,
            reason=reason.strip(),
        )
        if to == ApplicationStatus.APPROVED:  # approved or reinstated: maybe matchable again
            mentor_approved.send(sender=MentorApplication, mentor=mentor)
        headline, body = _DECISION_NOTICES[decision]
        # The coordinator's reason stays on the Mentoring page: it is never in a notice or email.
        notice_send(recipient_id=mentor.pk, headline=headline, body=body, link=reverse("home"))
    return application


_DECISION_NOTICES = {
    Decision.APPROVE: (
        "Your mentor application is approved",
        "Welcome: you are an approved peer mentor. A coordinator left you a message on your "
        "Mentoring page.",
    ),
    Decision.REQUEST_CHANGES: (
        "A coordinator asked for changes to your application",
        "Your Mentoring page says what to change. Submit again when you are ready.",
    ),
    Decision.DECLINE: (
        "A decision on your mentor application",
        "A coordinator decided on your application. Their message is on your Mentoring page.",
    ),
    Decision.SUSPEND: (
        "Your mentoring is paused",
        "A coordinator paused your mentoring. Their message is on your Mentoring page, and "
        "they will talk with you about next steps.",
    ),
    Decision.REINSTATE: (
        "Your mentoring can start again",
        "A coordinator reinstated you as a peer mentor. Their message is on your Mentoring page.",
    ),
}


def decisions_for(status: str) -> list[str]:
    """The decisions a coordinator may take on an application in this status."""
    return [d for d, (allowed_from, _) in _TRANSITIONS.items() if status in allowed_from]
