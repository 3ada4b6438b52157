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
    return ConsentStatement(version=version, html=render_markdown(versions[version].read_text()))


def current_statement() -> ConsentStatement:
    return _load(Path(settings.CONSENT_STATEMENT_DIR))
