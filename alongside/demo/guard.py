"""Demo accounts have a published password and authenticator secret: with DEBUG off they must
not exist. A system check says so for every management command, and the web entry points
refuse to start."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError

from alongside.accounts.models import User

DEMO_DOMAIN = "@demo.alongside.test"
_HINT = "Remove them with `manage.py remove_demo`, or point DATABASE_URL at the real database."


def demo_account_count() -> int:
    return User.objects.filter(email__iendswith=DEMO_DOMAIN).count()


def _demo_accounts_in_production() -> int:
    if settings.DEBUG:
        return 0
    try:
        return demo_account_count()
    except DatabaseError:  # not migrated yet (or unreachable): nothing to guard, nothing served
        return 0


@checks.register(checks.Tags.security)
def check_no_demo_accounts_in_production(app_configs=None, **kwargs):
    count = _demo_accounts_in_production()
    if not count:
        return []
    return [
        checks.Error(
            f"{count} demo account(s) exist while DEBUG is off; their password is published.",
            hint=_HINT,
            id="alongside.E020",
        )
    ]


def refuse_demo_accounts_in_production() -> None:
    """Called by the ASGI and WSGI entry points before they serve anything."""
    count = _demo_accounts_in_production()
    if count:
        raise ImproperlyConfigured(
            f"refusing to serve: {count} demo account(s) exist while DEBUG is off. {_HINT}"
        )
