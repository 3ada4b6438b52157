"""What each app holds about a person, and how to export and erase it.

Every app that stores something about a person says so in its own `personal_data.py`, by
calling `register`. The privacy app walks the registry to build a person's download (lowest
layer first) and to erase an account (highest layer first, so what refers to a person goes
before the person). A model that holds nothing personal says why with `exempt`.
`tests/privacy/test_registry.py` fails when a model with a link to a person or an encrypted
field is in neither list, so a new app cannot forget its people.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.utils.module_loading import autodiscover_modules

Export = Callable[[object], list[dict]]
Erase = Callable[[object], None]


@dataclass(frozen=True)
class Holding:
    """One kind of thing kept about a person, by one app."""

    app_label: str
    key: str  # stable name in the download, e.g. "conversations.messages"
    title: str  # what the person reads, e.g. "Messages"
    models: tuple[str, ...]  # "app_label.ModelName" of every model this covers
    export: Export | None = None
    erase: Erase | None = None
    # Run once the retention period for an erased person's kept records has passed.
    purge: Erase | None = None
    # What erasure keeps, and why, in words fit for the privacy page ("" keeps nothing).
    kept: str = ""
    order: int = field(default=0, compare=False)


_HOLDINGS: dict[str, Holding] = {}
_EXEMPT: dict[str, str] = {}
_discovered = False


def register(
    *, app_label: str, key: str, title: str, models: tuple[str, ...],
    export: Export | None = None, erase: Erase | None = None, purge: Erase | None = None,
    kept: str = "",
) -> Holding:  # fmt: skip
    """Declare one holding (registering the same key again replaces it)."""
    holding = Holding(app_label, key, title, tuple(models), export, erase, purge, kept)
    _HOLDINGS[key] = holding
    return holding


def exempt(model: str, why: str) -> None:
    """Declare that a model links to people or holds encrypted text but nothing to export or
    erase (an anonymous count, the export archive itself)."""
    if not why.strip():
        raise ValueError("say why a model holds nothing personal")
    _EXEMPT[model] = why


def _discover() -> None:
    global _discovered
    if not _discovered:
        autodiscover_modules("personal_data")
        _discovered = True


def _layer_position(app_label: str) -> int:
    # INSTALLED_APPS lists the apps lowest layer first (docs/architecture.md).
    labels = [config.label for config in apps.get_app_configs()]
    return labels.index(app_label) if app_label in labels else len(labels)


def holdings() -> list[Holding]:
    """Every holding, lowest layer first (the order of a download)."""
    _discover()
    return sorted(_HOLDINGS.values(), key=lambda h: (_layer_position(h.app_label), h.key))


def holdings_for_erasure() -> list[Holding]:
    """Highest layer first: what points at a person is dealt with before the person."""
    return list(reversed(holdings()))


def exemptions() -> dict[str, str]:
    _discover()
    return dict(_EXEMPT)


def covered_models() -> set[str]:
    return {model for holding in holdings() for model in holding.models}


def json_safe(value):
    """Dates as ISO text, sets and tuples as lists: what a download's JSON can hold."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple)):
        return [json_safe(v) for v in value]
    if isinstance(value, list):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return value


def pick(obj, *names: str) -> dict:
    """The named fields of one row, choices as the words people saw, ready for a download."""
    item = {}
    for name in names:
        display = getattr(obj, f"get_{name}_display", None)
        value = display() if callable(display) else getattr(obj, name)
        item[name] = json_safe(value)
    return item
