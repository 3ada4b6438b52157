"""Reads about a mentor's pathway: training progress, reflection, code of conduct, application."""

import json
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from alongside.accounts.models import Role, User
from alongside.training.content import Module, curriculum
from alongside.training.models import (
    ApplicationStatus,
    CheckAttempt,
    CodeSignature,
    MentorApplication,
    ModuleRead,
    ReadinessReflection,
)


@dataclass(frozen=True)
class ModuleStatus:
    module: Module
    read: bool
    passed: bool
    attempts: int

    @property
    def label(self) -> str:
        if self.passed:
            return "Passed"
        if self.attempts:
            return "Check not passed yet"
        return "Text read" if self.read else "Not started"


@dataclass(frozen=True)
class Pathway:
    """Where a mentor stands on each step; `missing` lists what blocks submitting."""

    modules_passed: int
    modules_total: int
    reflection_done: bool
    code_signed: bool
    application: MentorApplication
    missing: tuple[str, ...]
    next_module: Module | None = None  # the first module in the curriculum not passed yet

    @property
    def can_submit(self) -> bool:
        return not self.missing and self.application.status in SUBMITTABLE


SUBMITTABLE = (ApplicationStatus.IN_PROGRESS, ApplicationStatus.CHANGES_REQUESTED)


def _current_pairs() -> Q | None:
    """A filter matching attempts on the current version of any current module."""
    modules = curriculum().modules
    if not modules:
        return None
    query = Q()
    for module in modules:
        query |= Q(module_slug=module.slug, module_version=module.version)
    return query


def passed_module_slugs(mentor: User) -> set[str]:
    """Modules passed on their current version; an older version's pass no longer counts."""
    current = _current_pairs()
    if current is None:
        return set()
    rows = CheckAttempt.objects.filter(current, mentor=mentor, passed=True)
    return set(rows.values_list("module_slug", flat=True))


def module_statuses(mentor: User) -> list[ModuleStatus]:
    """Each current module with what the mentor has done in it, in curriculum order."""
    modules = curriculum().modules
    passed = passed_module_slugs(mentor)
    read = set(
        ModuleRead.objects.filter(mentor=mentor).values_list("module_slug", "module_version")
    )
    tries = dict(
        CheckAttempt.objects.filter(mentor=mentor)
        .values("module_slug")
        .annotate(n=Count("id"))
        .values_list("module_slug", "n")
    )
    return [
        ModuleStatus(
            module=m,
            read=(m.slug, m.version) in read,
            passed=m.slug in passed,
            attempts=tries.get(m.slug, 0),
        )
        for m in modules
    ]


def first_unfinished(statuses: list[ModuleStatus]) -> ModuleStatus | None:
    """Where to resume: the first module not yet passed."""
    return next((status for status in statuses if not status.passed), None)


def has_read(mentor: User, module: Module) -> bool:
    return ModuleRead.objects.filter(
        mentor=mentor, module_slug=module.slug, module_version=module.version
    ).exists()


def reflection_for(mentor: User) -> ReadinessReflection | None:
    return ReadinessReflection.objects.filter(mentor=mentor).first()


def reflection_answers(reflection: ReadinessReflection | None) -> dict[str, str]:
    if reflection is None:
        return {}
    return json.loads(reflection.answers or "{}")


def reflection_done(mentor: User) -> bool:
    return ReadinessReflection.objects.filter(mentor=mentor, submitted_at__isnull=False).exists()


def current_code_version() -> int | None:
    code = curriculum().code
    return code.version if code else None


def has_signed_current_code(mentor: User) -> bool:
    version = current_code_version()
    if version is None:
        return False
    return CodeSignature.objects.filter(mentor=mentor, version=version).exists()


def application_for(mentor: User) -> MentorApplication:
    """The mentor's application, or an unsaved one in progress if they have not submitted."""
    found = MentorApplication.objects.filter(mentor=mentor).first()
    return found or MentorApplication(mentor=mentor)


def pathway(mentor: User) -> Pathway:
    modules = curriculum().modules
    total = len(modules)
    passed_slugs = passed_module_slugs(mentor)
    passed = len(passed_slugs)
    next_module = next((m for m in modules if m.slug not in passed_slugs), None)
    reflection = reflection_done(mentor)
    signed = has_signed_current_code(mentor)
    missing = []
    if total == 0:
        missing.append("the training modules are not published yet")
    elif passed < total:
        missing.append(f"pass every training module ({passed} of {total} passed)")
    if not reflection:
        missing.append("submit your readiness reflection")
    if not signed:
        missing.append("sign the current code of conduct")
    return Pathway(
        passed, total, reflection, signed, application_for(mentor), tuple(missing), next_module
    )


def approved_mentor_ids() -> QuerySet:
    """Ids of mentors whose application is approved (suspended ones are not)."""
    return MentorApplication.objects.filter(status=ApplicationStatus.APPROVED).values("mentor_id")


def current_code_signer_ids() -> QuerySet:
    """Ids of people who signed the current code of conduct (none if there is no code yet)."""
    version = current_code_version()
    if version is None:
        return CodeSignature.objects.none().values("mentor_id")
    return CodeSignature.objects.filter(version=version).values("mentor_id")


@dataclass(frozen=True)
class ApplicantRow:
    mentor: User
    status: str
    status_label: str
    modules_passed: int
    reflection_done: bool
    code_signed: bool
    submitted_at: object
    has_notes: bool


_QUEUE_ORDER = {
    ApplicationStatus.SUBMITTED: 0,
    ApplicationStatus.CHANGES_REQUESTED: 1,
    ApplicationStatus.IN_PROGRESS: 2,
    ApplicationStatus.APPROVED: 3,
    ApplicationStatus.SUSPENDED: 4,
    ApplicationStatus.DECLINED: 5,
}


def applicant_queue() -> list[ApplicantRow]:
    """Every mentor and applicant with each step's status, in a fixed number of queries."""
    version = current_code_version() or 0
    mentors = list(
        User.objects.filter(role_assignments__role=Role.MENTOR)
        .select_related("mentor_application")
        .annotate(
            reflection_submitted=Exists(
                ReadinessReflection.objects.filter(
                    mentor=OuterRef("pk"), submitted_at__isnull=False
                )
            ),
            code_signed=Exists(
                CodeSignature.objects.filter(mentor=OuterRef("pk"), version=version)
            ),
        )
        # The encrypted notes are not decrypted for a list: only whether there are any.
        .defer("mentor_application__interview_notes", "mentor_application__decision_reason")
    )
    passed = _passed_counts([m.pk for m in mentors])
    rows = [_row(mentor, passed.get(mentor.pk, 0)) for mentor in mentors]
    return sorted(rows, key=lambda r: (_QUEUE_ORDER[r.status], r.mentor.display_name))


def _passed_counts(mentor_ids: list[int]) -> dict[int, int]:
    current = _current_pairs()
    if current is None or not mentor_ids:
        return {}
    rows = (
        CheckAttempt.objects.filter(current, mentor_id__in=mentor_ids, passed=True)
        .values("mentor_id")
        .annotate(n=Count("module_slug", distinct=True))
    )
    return {row["mentor_id"]: row["n"] for row in rows}


def _row(mentor: User, modules_passed: int) -> ApplicantRow:
    application = getattr(mentor, "mentor_application", None)
    status = application.status if application else ApplicationStatus.IN_PROGRESS
    return ApplicantRow(
        mentor=mentor,
        status=status,
        status_label=ApplicationStatus(status).label,
        modules_passed=modules_passed,
        reflection_done=mentor.reflection_submitted,
        code_signed=mentor.code_signed,
        submitted_at=application.submitted_at if application else None,
        has_notes=bool(application and application.notes_updated_at),
    )
