"""Re-encrypting every stored private value under the newest field key, and checking that each
one still decrypts. Fields are found through the app registry, so a new app is covered without
core importing it."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models, transaction
from django.db.models.functions import Cast

from alongside.core.crypto import DecryptionError, is_under_newest_key, reencrypt_text
from alongside.core.fields import EncryptedTextField

Report = Callable[[str], None]


class RotationError(Exception):
    """A stored value cannot be decrypted with any configured key; nothing more was written."""


@dataclass(frozen=True)
class EncryptedModel:
    model: type[models.Model]
    fields: tuple[EncryptedTextField, ...]

    @property
    def label(self) -> str:
        return self.model._meta.label


@dataclass
class CheckResult:
    values: int = 0
    under_older_key: int = 0
    unreadable: list[str] = field(default_factory=list)


def encrypted_models() -> list[EncryptedModel]:
    """Every model with an encrypted column of its own (JSON fields included: they subclass the
    text field); proxies and unmanaged models own no table to rewrite."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = tuple(
            f for f in model._meta.local_concrete_fields if isinstance(f, EncryptedTextField)
        )
        if fields:
            found.append(EncryptedModel(model, fields))
    return sorted(found, key=lambda m: m.label)


def _raw_name(f: models.Field) -> str:
    return f"_stored_{f.attname}"


def _stored_batches(
    target: EncryptedModel, batch_size: int, *, lock: bool = False
) -> Iterator[list[tuple]]:
    """Rows as (pk, token, token, ...) in primary-key order; the tokens are the stored
    ciphertext, read through a plain-text cast so the field never decrypts them."""
    base = target.model._base_manager.order_by("pk").annotate(
        **{_raw_name(f): Cast(f.attname, output_field=models.TextField()) for f in target.fields}
    )
    names = [_raw_name(f) for f in target.fields]
    after = None
    while True:
        query = base if after is None else base.filter(pk__gt=after)
        if lock:
            query = query.select_for_update()
        rows = list(query.values_list("pk", *names)[:batch_size])
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def _where(target: EncryptedModel, f: models.Field, pk) -> str:
    return f"{target.label}.{f.name} (row {pk})"


def check(
    targets: list[EncryptedModel], *, batch_size: int, report: Report | None = None
) -> CheckResult:
    """Decrypt every stored value (as the field would, JSON parsed too) and count those not yet
    under the newest key; a value that cannot be read is listed, not raised."""
    result = CheckResult()
    for target in targets:
        before = result.under_older_key
        for rows in _stored_batches(target, batch_size):
            for pk, *tokens in rows:
                for f, token in zip(target.fields, tokens, strict=True):
                    if token is None:
                        continue
                    result.values += 1
                    try:
                        f.from_db_value(token, None, None)
                    except (DecryptionError, ValueError):
                        result.unreadable.append(_where(target, f, pk))
                        continue
                    if not is_under_newest_key(token):
                        result.under_older_key += 1
        if report:
            report(f"{target.label}: {result.under_older_key - before} value(s) under an older key")
    return result


def _rotated_row(target: EncryptedModel, pk, tokens) -> dict[str, str]:
    changes = {}
    for f, token in zip(target.fields, tokens, strict=True):
        if token is None or is_under_newest_key(token):
            continue
        try:
            changes[f.attname] = reencrypt_text(token)
        except DecryptionError:
            raise RotationError(
                f"{_where(target, f, pk)} cannot be decrypted with any key in "
                "FIELD_ENCRYPTION_KEYS (is a key missing?); this batch was not written"
            ) from None
    return changes


def write_batch(target: EncryptedModel, updates: dict) -> None:
    """Write the new tokens as they are: a Value typed as plain text is not encrypted again, and
    an update runs no save(), so no timestamp moves and no signal fires."""
    manager = target.model._base_manager
    for pk, changes in updates.items():
        stored = {
            name: models.Value(token, output_field=models.TextField())
            for name, token in changes.items()
        }
        manager.filter(pk=pk).update(**stored)


def rotate_model(target: EncryptedModel, *, batch_size: int, report: Report) -> tuple[int, int]:
    """Rotate one model's values batch by batch, each batch read, re-encrypted and written in
    its own transaction; returns (values rotated, values already under the newest key)."""
    total = target.model._base_manager.count()
    done = rotated = already = 0
    batches = _stored_batches(target, batch_size, lock=True)
    while True:
        with transaction.atomic():
            rows = next(batches, None)
            if rows is None:
                break
            updates = {}
            for pk, *tokens in rows:
                changes = _rotated_row(target, pk, tokens)
                present = sum(token is not None for token in tokens)
                rotated += len(changes)
                already += present - len(changes)
                if changes:
                    updates[pk] = changes
            write_batch(target, updates)
        done += len(rows)
        report(f"{target.label}: {done}/{total} rows")
    return rotated, already
