"""Alongside settings: every value comes from the environment (see .env.example)."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from alongside.env import env_bool, env_int, env_list, env_str
from alongside.secrets_store import (
    dev_audit_chain_key,
    dev_field_keys,
    dev_secret_key,
    secure_var_dir,
    validated_field_keys,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ALONGSIDE_VAR_DIR", str(BASE_DIR / "var")))

# Off unless asked for: `make run` turns it on, a production install never should.
DEBUG = env_bool("DEBUG", default=False)


def _required_in_production(name: str, dev_default) -> str:
    value = env_str(name)
    if value:
        return value
    if DEBUG:
        return dev_default(VAR_DIR)
    raise ImproperlyConfigured(f"{name} must be set when DEBUG is off (see .env.example)")


SECRET_KEY = _required_in_production("SECRET_KEY", dev_secret_key)
# Private text is encrypted with these keys, never with SECRET_KEY: the first key encrypts, all
# decrypt, so a key can be rotated by putting the new one first. A bad key stops the start.
FIELD_ENCRYPTION_KEYS = validated_field_keys(
    env_list("FIELD_ENCRYPTION_KEYS")
    or [_required_in_production("FIELD_ENCRYPTION_KEYS", dev_field_keys)]
)
# The audit chain is an HMAC under these keys, kept outside the database so that someone who can
# write to the database cannot rewrite history unseen. The first key signs; all verify.
AUDIT_CHAIN_KEYS = env_list("AUDIT_CHAIN_KEYS") or [
    _required_in_production("AUDIT_CHAIN_KEYS", dev_audit_chain_key)
]
if any(len(key) < 32 for key in AUDIT_CHAIN_KEYS):
    raise ImproperlyConfigured("AUDIT_CHAIN_KEYS: each key must be at least 32 characters")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",  # allauth's list of sessions uses it
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "channels",
    "django_tasks",
    "django_tasks_db",
    "alongside.core",
    "alongside.audit",
    "alongside.accounts",
    "alongside.notices",
    "alongside.training",
    "alongside.intake",
    "alongside.partnerships",
    "alongside.matching",
    "alongside.growth",
    "alongside.safety",
    "alongside.conversations",
    "alongside.coordination",
    "alongside.wellbeing",
    "alongside.home",
    "alongside.privacy",
    "alongside.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alongside.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "alongside.accounts.sessions.SessionLimitsMiddleware",
    "alongside.accounts.middleware.RequireStaffMfaMiddleware",
    "alongside.core.headers.PrivatePageHeadersMiddleware",
]

ROOT_URLCONF = "alongside.urls"
ASGI_APPLICATION = "alongside.asgi.application"
WSGI_APPLICATION = "alongside.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "alongside" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alongside.core.context_processors.program",
                "alongside.accounts.context_processors.navigation",
                "alongside.notices.context_processors.notices",
                "alongside.safety.context_processors.crisis_transparency",
                "alongside.safety.context_processors.crisis_line",
            ],
        },
    },
]

# --- Data ---------------------------------------------------------------------------------------
# Development (and its demo accounts, with their published password) lives in a file that a
# production install never opens by default.
_DEFAULT_DB = f"sqlite:///{VAR_DIR / ('development.sqlite3' if DEBUG else 'alongside.sqlite3')}"
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _DEFAULT_DB), conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The database holds people's (encrypted) private text and their metadata: owner only.
    secure_var_dir(VAR_DIR, database=str(DATABASES["default"]["NAME"]))
    # IMMEDIATE transactions take the write lock up front, so concurrent writers queue instead of
    # failing with "database is locked" halfway through (the audit chain relies on this).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS += ["django_rq"]
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "alongside.accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "alongside.accounts.adapters.AccountAdapter"
SIGNUP_OPEN = env_bool("SIGNUP_OPEN", default=True)
# allauth's defaults already limit login attempts; they are spelled out so a reviewer sees them.
# Every window is a sliding one of at most five minutes and refused attempts are not counted, so
# a person who mistyped is never locked out for longer than that (docs/security.md, Lockouts).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
# Rate limits count the client's address. Behind a proxy that address is the proxy's unless
# allauth is told how many proxies append to X-Forwarded-For, or which header the proxy sets.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# How recent a sign-in or a confirmation must be for sensitive steps: allauth's own (changing
# email or authenticator) and staff opening private content or changing a role.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# "Trust this browser" would let a later sign-in skip the code: every staff sign-in asks for it.
MFA_TRUST_ENABLED = False
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "Alongside")
# A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after
# sign-in whatever happens (alongside.accounts.sessions); the cookie never outlives the latter.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_MAX_HOURS = env_int("SESSION_MAX_HOURS", 12, minimum=1)
if env_str("SESSION_COOKIE_AGE"):
    raise ImproperlyConfigured(
        "SESSION_COOKIE_AGE is no longer read: use SESSION_IDLE_MINUTES and SESSION_MAX_HOURS"
    )
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# Each sign-in is recorded (device, address, time) so other sessions can be listed and ended.
USERSESSIONS_TRACK_ACTIVITY = False

# --- The program ---------------------------------------------------------------------------------
# The name people know the program by: page titles, the header, and who every email is from
# (never the host name). How to reach a coordinator is shown on the help page.
PROGRAM_NAME = env_str("PROGRAM_NAME", "Alongside")
PROGRAM_CONTACT_EMAIL = env_str("PROGRAM_CONTACT_EMAIL", "")
PROGRAM_CONTACT_PHONE = env_str("PROGRAM_CONTACT_PHONE", "")
PROGRAM_CONTACT_HOURS = env_str("PROGRAM_CONTACT_HOURS", "")
# The footer names the crisis lines for the person's region from the resource directory; this
# line is shown instead while the directory has none (for example "Call or text 988, any time").
PROGRAM_CRISIS_LINE = env_str("PROGRAM_CRISIS_LINE", "")

# --- Email --------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
# Every email says it is from the program: a bare address is given the program's name.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "no-reply@localhost")
if "<" not in DEFAULT_FROM_EMAIL:
    DEFAULT_FROM_EMAIL = f"{PROGRAM_NAME} <{DEFAULT_FROM_EMAIL}>"
# allauth would begin every subject with the site's host name ("[127.0.0.1:8000]").
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"{PROGRAM_NAME}: "

# --- Program ------------------------------------------------------------------------------------
# The privacy and confidentiality statement lives in versioned files (consent-v1.md, v2, ...);
# the highest version is current, and adding a new file asks everyone to accept it again.
CONSENT_STATEMENT_DIR = BASE_DIR / "alongside" / "accounts" / "content"
# The mentor curriculum (modules, knowledge checks, code of conduct, readiness prompts) is
# versioned content reviewed through pull requests; see docs/mentor-pathway.md.
TRAINING_CONTENT_DIR = Path(
    env_str("TRAINING_CONTENT_DIR", str(BASE_DIR / "alongside" / "training" / "content"))
)
# Percentage of a knowledge check's questions answered well to pass the module.
TRAINING_PASS_MARK = env_int("TRAINING_PASS_MARK", 80, minimum=1)
if TRAINING_PASS_MARK > 100:
    raise ImproperlyConfigured(f"TRAINING_PASS_MARK must be at most 100; got {TRAINING_PASS_MARK}")
# The most peers a mentor may partner with at once; each mentor sets their own cap up to this.
MENTOR_CASELOAD_MAX = env_int("MENTOR_CASELOAD_MAX", 3, minimum=1)
# How many mentors a peer is offered at once, and how long a mentor has to answer a request.
MATCHING_SUGGESTIONS = env_int("MATCHING_SUGGESTIONS", 5, minimum=1)
MENTOR_REQUEST_EXPIRY_DAYS = env_int("MENTOR_REQUEST_EXPIRY_DAYS", 5, minimum=1)
# Minutes a message waits unread before its reader (if they asked for it) gets an email nudge.
CONVERSATION_NUDGE_MINUTES = env_int("CONVERSATION_NUDGE_MINUTES", 60, minimum=5)
# Safety net: every this many minutes the watchdog pages coordinators again about an urgent
# escalation nobody has acknowledged; a concern joins the queue without paging unless the
# program turns ESCALATION_CONCERN_PAGES on.
ESCALATION_RENOTIFY_MINUTES = env_int("ESCALATION_RENOTIFY_MINUTES", 5, minimum=1)
ESCALATION_CONCERN_PAGES = env_bool("ESCALATION_CONCERN_PAGES", default=False)

# --- Privacy: how long things are kept (docs/privacy.md) --------------------------------------
# A prepared download can be fetched once, within this many hours.
EXPORT_LINK_HOURS = env_int("EXPORT_LINK_HOURS", 24, minimum=1)
# A closed partnership's conversation is deleted this many days after it closed, unless one of
# the two asked to keep it; both are told RETENTION_NOTICE_DAYS beforehand.
CONVERSATION_RETENTION_DAYS = env_int("CONVERSATION_RETENTION_DAYS", 730, minimum=1)
RETENTION_NOTICE_DAYS = env_int("RETENTION_NOTICE_DAYS", 30, minimum=1)
# What erasure keeps for safety (escalations, calls for assistance, records of staff opening
# content) is removed this many days after the erasure.
ERASED_RECORD_RETENTION_DAYS = env_int("ERASED_RECORD_RETENTION_DAYS", 730, minimum=1)
# Sign-ups whose email address was never confirmed are removed after this many days.
UNCONFIRMED_SIGNUP_DAYS = env_int("UNCONFIRMED_SIGNUP_DAYS", 7, minimum=1)
# Audit log entries older than this are removed (the chain stays verifiable from what is left).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 2555, minimum=365)

# --- Web ----------------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English")]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "alongside" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY") else None
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe plain HTTP; Django matches these against the path without its "/".
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/detail$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = False
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Only this site's own files run or style a page: no inline script or style anywhere (htmx's
# injected indicator styles are switched off in base.html and live in alongside.css). The
# authenticator QR code is an inline data: image.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Error reports (the email to ADMINS, the debug page) show where it failed, never what people
# typed or were shown: every form value, query parameter, cookie and local variable is hidden.
DEFAULT_EXCEPTION_REPORTER = "alongside.core.reporting.PrivateExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "alongside.core.reporting.PrivateExceptionReporterFilter"
# Who receives an email for each server error (comma-separated addresses; none by default).
ADMINS = [(address, address) for address in env_list("ADMINS")]
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Whether HSTS covers subdomains or is preloaded depends on the deployment's whole domain, which
# this project cannot know; both stay opt-in (SECURE_HSTS_INCLUDE_SUBDOMAINS) and unwarned.
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
