"""docs/privacy.md names the test behind each rule; every one named must exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_test_named_in_the_privacy_doc_exists():
    text = (ROOT / "docs" / "privacy.md").read_text()
    named = NAMED.findall(text)
    assert len(named) >= 15
    for path, name in named:
        file = ROOT / path
        assert file.exists(), path
        if name:
            assert name in _tests_in(file), f"{path}::{name}"
