"""Every model that links to a person or holds encrypted text is declared: exported and erased
through its app's personal_data module, or exempt with a reason."""

from django.apps import apps
from django.conf import settings

from alongside.core.fields import EncryptedTextField
from alongside.core.personal_data import (
    covered_models,
    exemptions,
    holdings,
    holdings_for_erasure,
)

USER = settings.AUTH_USER_MODEL


def _personal_models():
    for model in apps.get_models():
        if not model.__module__.startswith("alongside."):
            continue
        fields = model._meta.get_fields()
        links = any(
            getattr(f, "related_model", None) is not None
            and f.related_model._meta.label == USER
            and f.concrete
            for f in fields
        )
        encrypted = any(isinstance(f, EncryptedTextField) for f in fields)
        if links or encrypted or model._meta.label == USER:
            yield model._meta.label


def test_every_model_holding_something_personal_is_declared():
    declared = covered_models() | set(exemptions())
    missing = sorted(set(_personal_models()) - declared)
    assert not missing, f"declare these in their app's personal_data.py: {missing}"


def test_every_declared_model_exists():
    known = {model._meta.label for model in apps.get_models()}
    assert covered_models() | set(exemptions()) <= known


def test_a_download_runs_lowest_layer_first_and_erasure_highest_first():
    order = [config.label for config in apps.get_app_configs()]
    positions = [order.index(h.app_label) for h in holdings()]
    assert positions == sorted(positions)
    erasers = [h.key for h in holdings_for_erasure() if h.erase is not None]
    assert erasers[-1] == "accounts.profile"  # the account itself goes last
