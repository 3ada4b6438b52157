from pathlib import Path

import pytest
from django.conf import settings as django_settings

from alongside.training.checks import check_training_content
from alongside.training.content import (
    ContentError,
    clear_content_cache,
    curriculum,
    load_curriculum,
)

REAL_CONTENT = Path(django_settings.BASE_DIR) / "alongside" / "training" / "content"


def _rewrite(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new, 1))


def test_it_loads_modules_checks_code_and_prompts():
    content = curriculum()
    assert [m.slug for m in content.modules] == ["walking-alongside", "looking-after-yourself"]
    assert all(len(m.questions) == 5 for m in content.modules)
    assert content.code.version == 2
    assert [p.id for p in content.prompts] == ["hope", "self-care", "sharing"]


def test_module_markdown_is_rendered_safely():
    html = curriculum().module("looking-after-yourself").html
    assert "<h2>Your own wellbeing</h2>" in html
    assert "<script" not in html


def test_an_absent_directory_is_an_empty_curriculum(tmp_path):
    empty = load_curriculum(str(tmp_path / "nowhere"))
    assert empty.modules == () and empty.code is None


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("modules/01-walking-alongside.md", 'title = "Walking alongside"\n', "",
         r"01-walking-alongside.md: missing key `title`"),
        ("modules/01-walking-alongside.md", "version = 1", 'version = "one"',
         r"`version` must be int"),
        ("checks/02-looking-after-yourself.toml", 'id = "self-q2"', 'id = "self-q1"',
         r"02-looking-after-yourself.toml: duplicate question id `self-q1`"),
        ("checks/02-looking-after-yourself.toml", 'id = "self-q2"', 'id = "walk-q1"',
         r"duplicate question id `walk-q1`"),
        ("checks/01-walking-alongside.toml", "correct = false", "correct = true",
         r"01-walking-alongside.toml: questions\[walk-q1\] must have exactly one option"),
        ("checks/01-walking-alongside.toml", "correct = true", "correct = false",
         r"exactly one option with correct = true"),
        ("checks/01-walking-alongside.toml", 'module = "walking-alongside"', 'module = "nope"',
         r"01-walking-alongside.toml: `module` names unknown module `nope`"),
        ("checks/01-walking-alongside.toml", '  explanation = "Why option a', '  x = "',
         r"missing key `questions\[walk-q1\].options\[1\].explanation`"),
        ("reflection.toml", 'id = "self-care"', 'id = "hope"', r"duplicate prompt id `hope`"),
        ("code-of-conduct/v2.md", "version = 2", "version = 3", r"does not match the file name"),
    ],
)  # fmt: skip
def test_invalid_content_is_refused_naming_file_and_field(
    training_content, file, old, new, message
):
    _rewrite(training_content / file, old, new)
    clear_content_cache()
    with pytest.raises(ContentError, match=message):
        curriculum()


def test_the_system_check_reports_invalid_content(training_content):
    assert check_training_content() == []
    (training_content / "modules" / "03-broken.md").write_text("no front matter\n")
    errors = check_training_content()
    assert [e.id for e in errors] == ["alongside.E010"]
    assert "03-broken.md" in errors[0].msg


def test_content_is_cached_until_cleared(training_content):
    first = curriculum()
    assert curriculum() is first
    clear_content_cache()
    assert curriculum() is not first


@pytest.mark.skipif(
    not (REAL_CONTENT / "modules").is_dir() or not any((REAL_CONTENT / "modules").iterdir()),
    reason="the curriculum content is not in this checkout yet",
)
def test_the_real_curriculum_is_valid_and_complete():
    content = load_curriculum(str(REAL_CONTENT))
    assert len(content.modules) >= 7
    assert all(len(m.questions) >= 5 for m in content.modules)
    assert content.code is not None and content.prompts
