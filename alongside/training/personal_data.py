"""A mentor's training: modules read, knowledge checks, the readiness reflection, the code of
conduct signed, and their application with the coordinator's decision."""

import json

from alongside.core.personal_data import pick, register
from alongside.training.models import (
    CheckAttempt,
    CodeSignature,
    MentorApplication,
    ModuleRead,
    ReadinessReflection,
)


def _training(user) -> list[dict]:
    items = [
        {"kind": "module read", **pick(row, "module_slug", "module_version", "read_at")}
        for row in ModuleRead.objects.filter(mentor=user).order_by("read_at")
    ]
    items += [
        {
            "kind": "knowledge check",
            **pick(
                row, "module_slug", "module_version", "score", "passed", "answers", "created_at"
            ),
        }  # fmt: skip
        for row in CheckAttempt.objects.filter(mentor=user).order_by("created_at")
    ]
    for row in ReadinessReflection.objects.filter(mentor=user):
        items.append(
            {
                "kind": "readiness reflection",
                "answers": json.loads(row.answers or "{}"),
                **pick(row, "updated_at", "submitted_at"),
            }
        )
    items += [
        {"kind": "code of conduct signed", **pick(row, "version", "typed_name", "signed_at")}
        for row in CodeSignature.objects.filter(mentor=user)
    ]
    for row in MentorApplication.objects.filter(mentor=user):
        items.append(
            {
                "kind": "mentor application",
                **pick(
                    row,
                    "status",
                    "created_at",
                    "submitted_at",
                    "decided_at",
                    "decision_reason",
                    "interview_notes",
                ),
            }  # fmt: skip
        )
    return items


def _erase(user) -> None:
    for model in (ModuleRead, CheckAttempt, ReadinessReflection, CodeSignature):
        model.objects.filter(mentor=user).delete()
    MentorApplication.objects.filter(mentor=user).delete()


register(
    app_label="training", key="training.training", title="Your mentor training and application",
    models=("training.ModuleRead", "training.CheckAttempt", "training.ReadinessReflection",
            "training.CodeSignature", "training.MentorApplication"),
    export=_training, erase=_erase,
)  # fmt: skip
