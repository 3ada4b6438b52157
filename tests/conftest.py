"""Personas, built once per test, and who each may reach:

- `peer` Alice, and `another_peer` Dana, who must never see Alice's partnership or intake;
- `mentor` Bob, an approved-to-be mentor with no partnership yet, and `her_mentor`, the same
  Bob after he accepted Alice's request (`partnership` is theirs, active);
- `other_mentor` Mallory, a mentor who is not Alice's and must be refused her partnership;
- `coordinator` Carol and `admin_user` Ada, staff with an authenticator;
- `stranger` Charlie, signed up with no role and no consent.

Every test uses a private copy of the small fixture curriculum (tests/training/content), so a
test may publish a new version; tests marked `real_curriculum` get the shipped one.
"""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from alongside.accounts.consent import current_statement
from alongside.accounts.models import Role, User
from alongside.accounts.services import consent_accept, role_grant
from alongside.accounts.two_step import mark_two_step
from tests.training.helpers import use_fixture_content

PASSWORD = "correct horse battery staple"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_person(email, name, *roles, consent=True, totp=False) -> User:
    user = User.objects.create_user(email, PASSWORD, display_name=name)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    for role in roles:
        role_grant(user=user, role=role, by=None, reason="test fixture")
    if consent:
        consent_accept(user=user, version=current_statement().version)
    if totp:
        TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture(autouse=True)
def training_content(request, settings, tmp_path):
    if request.node.get_closest_marker("real_curriculum"):
        return None
    return use_fixture_content(settings, tmp_path)


@pytest.fixture
def peer(db):
    return make_person("alice@example.org", "Alice", Role.PEER)


@pytest.fixture
def mentor(db):
    return make_person("bob@example.org", "Bob", Role.MENTOR)


@pytest.fixture
def another_peer(db):
    return make_person("dana@example.org", "Dana", Role.PEER)


@pytest.fixture
def partnership(peer, mentor, coordinator):
    """Alice chose Bob and he accepted: an active partnership made the way people make one."""
    from alongside.matching.selectors import open_requests
    from alongside.matching.services import mentor_request_accept, mentor_request_create
    from tests.matching.helpers import make_matchable

    make_matchable(mentor, coordinator)
    mentor_request_create(peer=peer, mentor_id=mentor.pk)
    return mentor_request_accept(mentor=mentor, mentor_request=open_requests().get(peer=peer))


@pytest.fixture
def her_mentor(partnership, mentor):
    return mentor


@pytest.fixture
def other_mentor(db):
    return make_person("mallory@example.org", "Mallory", Role.MENTOR)


@pytest.fixture
def coordinator(db):
    return make_person("carol@example.org", "Carol", Role.COORDINATOR, totp=True)


@pytest.fixture
def admin_user(db):
    return make_person("ada@example.org", "Ada", Role.ADMIN, totp=True)


@pytest.fixture
def stranger(db):
    return make_person("charlie@example.org", "Charlie", consent=False)


@pytest.fixture
def login(client):
    """Sign a persona in, skipping the two-step prompt the way a completed sign-in would."""

    def _login(user):
        return sign_in(client, user)

    return _login


def sign_in(client, user, *, code_given_at: float | None = None):
    """Sign a person in on this client; for staff, as if the authenticator code was just given
    (or at `code_given_at`, a time.time() value, to test a stale check)."""
    client.force_login(user)
    if has_totp(user):
        session = client.session
        mark_two_step(session, user, at=code_given_at)
        session.save()
    return client


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def current_totp_code() -> str:
    """The code the personas' authenticator app shows right now."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    # A code read in the last moments of its 30-second window can expire before the request
    # that carries it is checked; wait for the next window instead of failing by chance.
    left = 30 - time.time() % 30
    if left < 2:
        time.sleep(left + 0.05)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2]))
