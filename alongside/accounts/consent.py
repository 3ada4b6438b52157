"""The privacy and confidentiality statement: versioned Markdown files, newest is current."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import SafeString

from alongside.core.markdown import render_markdown

_FILE = re.compile(r"^consent-v(\d+)\.md$")


@dataclass(frozen=True)
class ConsentStatement:
    version: int
    html: SafeString


@lru_cache(maxsize=4)
def _load(directory: Path) -> ConsentStatement:
    versions = {
        int(match.group(1)): path
        for path in directory.iterdir()
        if (match := _FILE.match(path.name))
    }
    if not versions:
        raise ImproperlyConfigured(f"no consent-vN.md statement found in {directory}")
    version = max(versions)
    text = _with_settings(versions[version].read_text())
    return ConsentStatement(version=version, html=render_markdown(text))


# The periods a statement names come from the program's own settings, so it cannot drift from
# what the retention jobs do: "{conversation_retention_days}" reads CONVERSATION_RETENTION_DAYS.
_PERIODS = (
    "session_idle_minutes", "audit_retention_days", "conversation_retention_days",
    "retention_notice_days", "erased_record_retention_days", "unconfirmed_signup_days",
)  # fmt: skip


def _with_settings(text: str) -> str:
    for name in _PERIODS:
        text = text.replace("{" + name + "}", f"{getattr(settings, name.upper()):,}")
    return text


def current_statement() -> ConsentStatement:
    return _load(Path(settings.CONSENT_STATEMENT_DIR))
