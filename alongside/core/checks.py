"""System checks for risky combinations of settings (ids alongside.E/W0xx)."""

from django.conf import settings
from django.core import checks

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", ".localhost", "testserver"}


@checks.register(checks.Tags.security, deploy=True)
def check_debug_on_public_host(app_configs=None, **kwargs):
    public = [host for host in settings.ALLOWED_HOSTS if host not in _LOCAL_HOSTS]
    if settings.DEBUG and public:
        return [
            checks.Warning(
                "DEBUG is on while ALLOWED_HOSTS names a non-local host: debug pages leak data.",
                hint="Unset DEBUG on any machine reachable by others.",
                id="alongside.W001",
            )
        ]
    return []


# Not a deploy-only check: an install that reuses SECRET_KEY for private text must not start.
@checks.register(checks.Tags.security)
def check_field_keys_not_secret_key(app_configs=None, **kwargs):
    if settings.SECRET_KEY in settings.FIELD_ENCRYPTION_KEYS:
        return [
            checks.Error(
                "FIELD_ENCRYPTION_KEYS must not contain SECRET_KEY.",
                hint="Generate a separate key; leaking one secret must not expose private text.",
                id="alongside.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security)
def check_audit_keys_stand_alone(app_configs=None, **kwargs):
    others = {settings.SECRET_KEY, *settings.FIELD_ENCRYPTION_KEYS}
    if others & set(settings.AUDIT_CHAIN_KEYS):
        return [
            checks.Error(
                "AUDIT_CHAIN_KEYS must not reuse SECRET_KEY or a field-encryption key.",
                hint="Generate a separate key for the audit chain.",
                id="alongside.E002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_email_backend_for_production(app_configs=None, **kwargs):
    if not settings.DEBUG and settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        return [
            checks.Warning(
                "Email goes to the console: people will not receive verification or reset emails.",
                hint="Set EMAIL_BACKEND and EMAIL_HOST for production.",
                id="alongside.W002",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def check_client_address_behind_proxy(app_configs=None, **kwargs):
    behind_proxy = settings.SECURE_PROXY_SSL_HEADER is not None
    told = settings.ALLAUTH_TRUSTED_PROXY_COUNT or settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER
    if behind_proxy and not told:
        return [
            checks.Warning(
                "Behind a proxy, rate limits count the proxy's address: one person's mistakes "
                "would slow sign-in for everyone.",
                hint="Set TRUSTED_PROXY_COUNT (proxies appending to X-Forwarded-For) or "
                "TRUSTED_CLIENT_IP_HEADER (see docs/deploy.md).",
                id="alongside.W003",
            )
        ]
    return []
