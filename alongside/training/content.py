"""The mentor curriculum: versioned files in the repository, validated once and cached.

Layout of the content directory (see docs/mentor-pathway.md):
    modules/NN-slug.md          TOML front matter between `+++` lines, then Markdown
    checks/NN-slug.toml         the knowledge check of one module
    code-of-conduct/vN.md       front matter `version`, `title`; the highest N is current
    reflection.toml             the readiness reflection prompts
"""

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import SafeString

from alongside.core.markdown import render_markdown

_MODULE_FILE = re.compile(r"^\d+-[a-z0-9-]+\.md$")
_CHECK_FILE = re.compile(r"^\d+-[a-z0-9-]+\.toml$")
_CODE_FILE = re.compile(r"^v(\d+)\.md$")


class ContentError(ImproperlyConfigured):
    """Curriculum content that cannot be used, naming the file and the field at fault."""


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    correct: bool
    explanation: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Module:
    slug: str
    title: str
    version: int
    summary: str
    minutes: int
    html: SafeString
    questions: tuple[Question, ...] = ()

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class CodeOfConduct:
    version: int
    title: str
    html: SafeString


@dataclass(frozen=True)
class ReflectionPrompt:
    id: str
    quality: str
    question: str
    hint: str


@dataclass(frozen=True)
class Curriculum:
    modules: tuple[Module, ...] = ()
    code: CodeOfConduct | None = None
    reflection_version: int = 0
    prompts: tuple[ReflectionPrompt, ...] = ()

    def module(self, slug: str) -> Module | None:
        return next((m for m in self.modules if m.slug == slug), None)


def curriculum() -> Curriculum:
    """The current curriculum; raises ContentError if the files are invalid."""
    return load_curriculum(str(settings.TRAINING_CONTENT_DIR))


def clear_content_cache() -> None:
    """Forget loaded content (tests point TRAINING_CONTENT_DIR elsewhere)."""
    load_curriculum.cache_clear()


@lru_cache(maxsize=4)
def load_curriculum(directory: str) -> Curriculum:
    """Read and validate every content file under `directory`; an absent folder is empty."""
    root = Path(directory)
    if not root.is_dir():
        return Curriculum()
    modules = _load_modules(root / "modules")
    modules = _attach_checks(root / "checks", modules)
    version, prompts = _load_reflection(root / "reflection.toml")
    return Curriculum(
        modules=tuple(modules),
        code=_load_code(root / "code-of-conduct"),
        reflection_version=version,
        prompts=prompts,
    )


def _files(folder: Path, pattern: re.Pattern) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if pattern.match(path.name))


def _split_front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "+++":
        raise ContentError(f"{path}: must start with a `+++` line opening the front matter")
    try:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "+++")
    except StopIteration:
        raise ContentError(f"{path}: the front matter is not closed by a `+++` line") from None
    return _parse_toml(path, "\n".join(lines[1:end])), "\n".join(lines[end + 1 :])


def _parse_toml(path: Path, text: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(f"{path}: invalid TOML ({exc})") from None


def _require(path: Path, data: dict, key: str, kind: type, where: str = ""):
    """The value of a required key, of the given type, or a ContentError naming it."""
    label = f"{where}{key}"
    if key not in data:
        raise ContentError(f"{path}: missing key `{label}`")
    value = data[key]
    # bool is a subclass of int: a `true` must not pass for a version number.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ContentError(f"{path}: `{label}` must be {kind.__name__}, got {value!r}")
    if kind is str and not value.strip():
        raise ContentError(f"{path}: `{label}` must not be empty")
    return value


def _load_modules(folder: Path) -> list[Module]:
    modules: list[Module] = []
    for path in _files(folder, _MODULE_FILE):
        meta, body = _split_front_matter(path)
        slug = _require(path, meta, "slug", str)
        if any(m.slug == slug for m in modules):
            raise ContentError(f"{path}: duplicate module slug `{slug}`")
        modules.append(
            Module(
                slug=slug,
                title=_require(path, meta, "title", str),
                version=_require(path, meta, "version", int),
                summary=_require(path, meta, "summary", str),
                minutes=_require(path, meta, "minutes", int),
                html=render_markdown(body),
            )
        )
    return modules


def _attach_checks(folder: Path, modules: list[Module]) -> list[Module]:
    by_slug = {m.slug: m for m in modules}
    seen_ids: set[str] = set()
    for path in _files(folder, _CHECK_FILE):
        data = _parse_toml(path, path.read_text(encoding="utf-8"))
        slug = _require(path, data, "module", str)
        _require(path, data, "version", int)
        if slug not in by_slug:
            raise ContentError(f"{path}: `module` names unknown module `{slug}`")
        if by_slug[slug].questions:
            raise ContentError(f"{path}: module `{slug}` already has a knowledge check")
        questions = _load_questions(path, data, seen_ids)
        by_slug[slug] = _with_questions(by_slug[slug], questions)
    return [by_slug[m.slug] for m in modules]


def _with_questions(module: Module, questions: tuple[Question, ...]) -> Module:
    return Module(**{**module.__dict__, "questions": questions})


def _load_questions(path: Path, data: dict, seen_ids: set[str]) -> tuple[Question, ...]:
    raw = _require(path, data, "questions", list)
    if not raw:
        raise ContentError(f"{path}: `questions` must list at least one question")
    questions = []
    for n, item in enumerate(raw, 1):
        where = f"questions[{n}]."
        qid = _require(path, item, "id", str, where)
        if qid in seen_ids:
            raise ContentError(f"{path}: duplicate question id `{qid}`")
        seen_ids.add(qid)
        options = _load_options(path, item, f"questions[{qid}].")
        questions.append(Question(id=qid, prompt=_require(path, item, "prompt", str, where),
                                  options=options))  # fmt: skip
    return tuple(questions)


def _load_options(path: Path, question: dict, where: str) -> tuple[Option, ...]:
    raw = _require(path, question, "options", list, where)
    options = []
    for n, item in enumerate(raw, 1):
        at = f"{where}options[{n}]."
        option = Option(
            id=_require(path, item, "id", str, at),
            text=_require(path, item, "text", str, at),
            correct=_require(path, item, "correct", bool, at),
            explanation=_require(path, item, "explanation", str, at),
        )
        if any(o.id == option.id for o in options):
            raise ContentError(f"{path}: duplicate option id `{option.id}` in {where[:-1]}")
        options.append(option)
    if sum(o.correct for o in options) != 1:
        raise ContentError(f"{path}: {where[:-1]} must have exactly one option with correct = true")
    return tuple(options)


def _load_code(folder: Path) -> CodeOfConduct | None:
    files = _files(folder, _CODE_FILE)
    if not files:
        return None
    path = max(files, key=lambda p: int(_CODE_FILE.match(p.name).group(1)))
    meta, body = _split_front_matter(path)
    version = _require(path, meta, "version", int)
    if version != int(_CODE_FILE.match(path.name).group(1)):
        raise ContentError(f"{path}: `version` {version} does not match the file name")
    return CodeOfConduct(
        version=version, title=_require(path, meta, "title", str), html=render_markdown(body)
    )


def _load_reflection(path: Path) -> tuple[int, tuple[ReflectionPrompt, ...]]:
    if not path.is_file():
        return 0, ()
    data = _parse_toml(path, path.read_text(encoding="utf-8"))
    version = _require(path, data, "version", int)
    prompts: list[ReflectionPrompt] = []
    for n, item in enumerate(_require(path, data, "prompts", list), 1):
        where = f"prompts[{n}]."
        prompt = ReflectionPrompt(
            id=_require(path, item, "id", str, where),
            quality=_require(path, item, "quality", str, where),
            question=_require(path, item, "question", str, where),
            hint=_require(path, item, "hint", str, where),
        )
        if any(p.id == prompt.id for p in prompts):
            raise ContentError(f"{path}: duplicate prompt id `{prompt.id}`")
        prompts.append(prompt)
    return version, tuple(prompts)
