"""Django settings for trustplan, read from the environment (see docs/configuration.md).

SQLite in ``TRUSTPLAN_DATA_DIR`` is the zero-set-up default; production sets ``DATABASE_URL`` to
PostgreSQL. ``trustplan serve`` refuses to start without ``TRUSTPLAN_SECRET_KEY`` (see
``trustplan.web.management.commands.serve``).
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext

from trustplan.config.env import env_bool, env_date, env_int, env_list, env_path, env_str

# Lets generic Django classes be subscripted at run time (ModelAdmin[Plan]), as typed.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = env_path("TRUSTPLAN_DATA_DIR", Path.cwd() / ".trustplan")

# Used only where no key is configured: local commands and tests. `trustplan serve` refuses it.
INSECURE_LOCAL_SECRET_KEY = "insecure-local-only-set-TRUSTPLAN_SECRET_KEY-for-any-server"  # noqa: S105
SECRET_KEY = env_str("TRUSTPLAN_SECRET_KEY") or INSECURE_LOCAL_SECRET_KEY
# Old keys, while rotating: they still open sessions, signatures and sealed two-factor keys.
SECRET_KEY_FALLBACKS = env_list("TRUSTPLAN_SECRET_KEY_FALLBACKS", [])
DEBUG = env_bool("TRUSTPLAN_DEBUG", default=False)
ALLOWED_HOSTS = env_list("TRUSTPLAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("TRUSTPLAN_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "trustplan.web",
    "trustplan.partners",
    "trustplan.measures",
    "trustplan.plans",
    "trustplan.access",
    "trustplan.delivery",
    "trustplan.reports",
    "trustplan.selfassessment",
    "trustplan.needs",
    "trustplan.hub",
    "trustplan.audit",
    "trustplan.accounts",
    "trustplan.governance",
    "simple_history",
    "trustplan.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "trustplan.web.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "trustplan.access.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "trustplan.accounts.middleware.SessionExpiryMiddleware",
    "trustplan.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "trustplan.access.middleware.SignInWhenRefusedMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "trustplan.config.urls"
WSGI_APPLICATION = "trustplan.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "trustplan.web.context_processors.site",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:  # the zero-set-up default: SQLite in the data folder
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{DATA_DIR / 'trustplan.sqlite3'}",
        conn_max_age=env_int("TRUSTPLAN_DB_CONN_MAX_AGE", default=0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Every password sign-in goes through the throttle (docs/security.md).
AUTHENTICATION_BACKENDS = ["trustplan.accounts.backends.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Static files are served from the package by WhiteNoise; no collectstatic step is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Transport security. The demo and local runs serve plain HTTP on 127.0.0.1.
HTTPS = env_bool("TRUSTPLAN_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("TRUSTPLAN_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("TRUSTPLAN_SESSION_SECONDS", default=8 * 3600, minimum=300)
# Sign-in security (trustplan.accounts; docs/security.md): a session also ends after this long
# idle; a username is locked for TRUSTPLAN_LOCKOUT_MINUTES after TRUSTPLAN_SIGN_IN_FAILURES
# failures within that time; an address is refused after its own number of failures.
TRUSTPLAN_IDLE_MINUTES = env_int("TRUSTPLAN_IDLE_MINUTES", default=30, minimum=1)
TRUSTPLAN_SIGN_IN_FAILURES = env_int("TRUSTPLAN_SIGN_IN_FAILURES", default=5, minimum=1)
TRUSTPLAN_LOCKOUT_MINUTES = env_int("TRUSTPLAN_LOCKOUT_MINUTES", default=15, minimum=1)
TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES = env_int(
    "TRUSTPLAN_ADDRESS_SIGN_IN_FAILURES", default=20, minimum=1
)
# How many proxies in front of trustplan append to X-Forwarded-For (0: use the peer address).
TRUSTPLAN_TRUSTED_PROXIES = env_int("TRUSTPLAN_TRUSTED_PROXIES", default=0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

EMAIL_BACKEND = env_str("TRUSTPLAN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("TRUSTPLAN_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("TRUSTPLAN_EMAIL_PORT", default=25, minimum=1)
EMAIL_HOST_USER = env_str("TRUSTPLAN_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("TRUSTPLAN_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("TRUSTPLAN_EMAIL_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("TRUSTPLAN_EMAIL_FROM", "trustplan <trustplan@localhost>")

# Logs carry no person-level data: request bodies and query strings are never logged.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("TRUSTPLAN_LOG_LEVEL", "WARNING")},
    # Splink warns of every comparison level unseen in training ("unable to train m value"):
    # expected on small or clean data, and reported by the link run's counts instead.
    "loggers": {"splink": {"level": "ERROR"}},
}

TRUSTPLAN_SITE_NAME = env_str("TRUSTPLAN_SITE_NAME", "trustplan")
DEMO = env_bool("TRUSTPLAN_DEMO", default=False)
TRUSTPLAN_MAX_UPLOAD_BYTES = env_int("TRUSTPLAN_MAX_UPLOAD_MB", default=50, minimum=1) * 1_000_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# The date indicator data are judged as at (whether data are late, which target is current).
# Unset: today. The demo fixes it, because its synthetic data end in 2023.
TRUSTPLAN_AS_OF = env_date("TRUSTPLAN_AS_OF")
TRUSTPLAN_PSEUDONYMISATION_KEY = env_str("TRUSTPLAN_PSEUDONYMISATION_KEY")  # hub pseudonymise
