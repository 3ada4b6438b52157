"""Shared helpers for pathway tests: fixture content and walking a mentor along the path."""

import shutil
from pathlib import Path

from alongside.training.content import clear_content_cache, curriculum
from alongside.training.services import (
    check_attempt_record,
    code_sign,
    reflection_save,
)

FIXTURE_CONTENT = Path(__file__).resolve().parent / "content"


def use_fixture_content(settings, tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    settings.TRAINING_CONTENT_DIR = target
    clear_content_cache()
    return target


def correct_answers(module) -> dict[str, str]:
    return {q.id: next(o.id for o in q.options if o.correct) for q in module.questions}


def wrong_answers(module) -> dict[str, str]:
    return {q.id: next(o.id for o in q.options if not o.correct) for q in module.questions}


def pass_all_modules(mentor) -> None:
    for module in curriculum().modules:
        check_attempt_record(
            mentor=mentor,
            module_slug=module.slug,
            module_version=module.version,
            answers=correct_answers(module),
        )


def complete_pathway(mentor) -> None:
    """Everything a mentor does before submitting: modules, reflection, code."""
    pass_all_modules(mentor)
    answers = {p.id: f"My answer about {p.quality}" for p in curriculum().prompts}
    reflection_save(mentor=mentor, answers=answers, submit=True)
    code_sign(mentor=mentor, version=curriculum().code.version, typed_name=mentor.display_name)
