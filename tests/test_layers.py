"""The apps' imports point one way: down the layers listed in docs/architecture.md."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "alongside"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
# Project wiring, not apps: settings and URLs may import anything; no app imports them.
PROJECT_MODULES = {"settings", "urls", "asgi", "wsgi", "env", "secrets_store"}


def documented_layers(text: str) -> list[set[str]]:
    """The numbered list under "## Layers": one line per layer, apps in backticks."""
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\d+\.\s+(.*)$", section, flags=re.M)
    return [set(re.findall(r"`([a-z_]+)`", row)) for row in rows]


def layer_of(layers: list[set[str]]) -> dict[str, int]:
    return {app: number for number, apps in enumerate(layers) for app in apps}


def apps_on_disk(package: Path) -> set[str]:
    return {p.name for p in package.iterdir() if (p / "__init__.py").exists()}


def imported_apps(path: Path) -> set[str]:
    """Every `alongside.<name>` a module imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "alongside":
                names = [f"alongside.{alias.name}" for alias in node.names]
        found |= {n.split(".")[1] for n in names if n.startswith("alongside.")}
    return found


def upward_imports(package: Path, layers: list[set[str]]) -> list[str]:
    """Imports of an app in the same or a higher layer, or of the project's wiring."""
    level = layer_of(layers)
    problems = []
    for app in sorted(apps_on_disk(package)):
        for module in sorted((package / app).rglob("*.py")):
            for used in sorted(imported_apps(module) - {app}):
                where = module.relative_to(package.parent)
                if used in PROJECT_MODULES:
                    problems.append(f"{where} imports the project module alongside.{used}")
                elif used in level and level[used] >= level.get(app, -1):
                    problems.append(
                        f"{where} (layer {level.get(app)}) imports {used} (layer {level[used]})"
                    )
    return problems


@pytest.fixture(scope="module")
def layers():
    return documented_layers(ARCHITECTURE.read_text())


def test_every_app_has_a_documented_layer(layers):
    placed = set().union(*layers)
    assert apps_on_disk(PACKAGE) - placed == set(), "add the new app to docs/architecture.md"


def test_no_app_appears_in_two_layers(layers):
    names = [app for apps in layers for app in apps]
    assert len(names) == len(set(names))


def test_imports_only_point_down(layers):
    assert upward_imports(PACKAGE, layers) == []


def test_the_screening_engine_imports_no_django():
    for module in (PACKAGE / "screening").rglob("*.py"):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not any(a.name.split(".")[0] == "django" for a in node.names), module
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] != "django", module


def test_the_guard_notices_an_upward_import(tmp_path, layers):
    for app, body in {
        "accounts": "from alongside.matching.selectors import x\n",
        "matching": "def f():\n    from alongside.home import views\n",
    }.items():
        (tmp_path / app).mkdir()
        (tmp_path / app / "__init__.py").write_text("")
        (tmp_path / app / "views.py").write_text(body)
    problems = upward_imports(tmp_path, layers)
    assert len(problems) == 2, problems
