import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.core.crypto import DecryptionError, reencrypt_text
from tests.fieldtest.models import Secret

PLAINTEXT = "I told my mentor about the hard week with my family"


def _raw_body(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM fieldtest_secret WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_it_round_trips_text():
    secret = Secret.objects.create(label="a", body=PLAINTEXT)
    assert Secret.objects.get(pk=secret.pk).body == PLAINTEXT


@pytest.mark.django_db
def test_the_database_holds_no_plaintext():
    secret = Secret.objects.create(label="a", body=PLAINTEXT)
    raw = _raw_body(secret.pk)
    assert PLAINTEXT not in raw
    assert "family" not in raw


@pytest.mark.django_db(transaction=True)
def test_the_sqlite_file_holds_no_plaintext():
    if connection.vendor != "sqlite" or connection.settings_dict["NAME"].startswith(
        "file:memorydb"
    ):
        pytest.skip("needs an SQLite file on disk")
    Secret.objects.create(label="a", body="unmistakable-marker-words")
    connection.close()
    with open(connection.settings_dict["NAME"], "rb") as handle:
        assert b"unmistakable-marker-words" not in handle.read()


@pytest.mark.django_db
def test_a_wrong_key_raises_instead_of_returning_ciphertext():
    secret = Secret.objects.create(label="a", body=PLAINTEXT)
    wrong_keys = override_settings(FIELD_ENCRYPTION_KEYS=[Fernet.generate_key().decode()])
    with wrong_keys, pytest.raises(DecryptionError, match="FIELD_ENCRYPTION_KEYS"):
        Secret.objects.get(pk=secret.pk)


@pytest.mark.django_db
def test_an_old_key_still_decrypts_after_rotation(settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    secret = Secret.objects.create(label="a", body=PLAINTEXT)
    new_key = Fernet.generate_key().decode()
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key, old_key]):
        assert Secret.objects.get(pk=secret.pk).body == PLAINTEXT
        rotated = reencrypt_text(_raw_body(secret.pk))
    with override_settings(FIELD_ENCRYPTION_KEYS=[new_key]):
        assert Fernet(new_key.encode()).decrypt(rotated.encode()).decode() == PLAINTEXT


@pytest.mark.django_db
def test_null_stays_null():
    secret = Secret.objects.create(label="a", body=None)
    assert Secret.objects.get(pk=secret.pk).body is None


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(st.text(max_size=400))
def test_any_text_round_trips(text):
    secret = Secret.objects.create(label="h", body=text)
    assert Secret.objects.get(pk=secret.pk).body == text
