"""SpaceEdu settings: one module, configured from the environment.

Development needs nothing set (SQLite, local-memory cache, DEBUG=1 from the Makefile).
Production sets SECRET_KEY, ALLOWED_HOSTS and usually DATABASE_URL and REDIS_URL.
"""

import hashlib
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, *, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, *, default: int | None, minimum: int | None = None) -> int | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}.")
    return number


def env_rate(name: str, *, default: str) -> str:
    """A rate limit such as 5/h: a whole number of requests per s, m, h or d."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not re.fullmatch(r"[1-9][0-9]*/[smhd]", value):
        raise ImproperlyConfigured(
            f"{name} must be a number of requests per s, m, h or d (like 5/h), not {value!r}."
        )
    return value


def env_list(name: str, *, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_site_url(name: str, *, default: str) -> str:
    """The site's own address, scheme and host only: https://spaceedu.example."""
    value = os.environ.get(name, "").strip() or default
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or parts.path.strip("/"):
        raise ImproperlyConfigured(
            f"{name} must be the site's address such as https://spaceedu.example "
            f"(scheme and host, no path), not {value!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


def env_email_url(name: str) -> dict[str, Any] | None:
    """Django's EMAIL_* settings from a URL such as smtp://user:password@host:587/?tls=True."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    # The URL holds a password, and a bad one can end up in urllib's message about the port:
    # messages name the variable and the scheme, never the parser's words.
    try:
        email = dj_email_url.parse(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} is not a valid e-mail URL: are the port and the timeout whole numbers? "
            "Percent-encode any @, / or : in the user name and password."
        ) from None
    if "EMAIL_BACKEND" not in email:
        scheme = value.partition(":")[0]
        schemes = ", ".join(f"{known}://" for known in dj_email_url.SCHEMES)
        raise ImproperlyConfigured(f"{name} must start with one of {schemes}, not {scheme!r}.")
    return email


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Without a key and with DEBUG off, the app servers (spaceedu.wsgi, spaceedu.asgi) refuse to
# start; management commands in a checkout (makemigrations, check) still run, with a key that
# signs nothing anyone will ever see.
SECRET_KEY_MISSING = not SECRET_KEY and not DEBUG
if not SECRET_KEY:
    SECRET_KEY = "django-insecure-spaceedu-development-only"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])
# Links in e-mail (the password reset) point here, never at the request's Host header.
# `check --deploy` insists on it being set when DEBUG is off (spaceedu/checks.py).
SITE_URL_SET = bool(os.environ.get("SITE_URL", "").strip())
SITE_URL = env_site_url("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    # First, so `manage.py runserver` serves HTTP and WebSockets (the live quiz) together.
    "daphne",
    "spaceedu",
    "throttling",
    "lessons",
    "quizzes",
    "progress",
    "review",
    "classrooms",
    "catalogue",
    "live",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a lockout into the throttling page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spaceedu.urls"
WSGI_APPLICATION = "spaceedu.wsgi.application"
# The live quiz's WebSockets (and, under daphne or uvicorn, every other request too).
ASGI_APPLICATION = "spaceedu.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # The ASGI server (the live quiz's sockets) sets 0: it runs database work on a thread
        # per socket, and persistent connections would then be one per phone.
        conn_max_age=env_int("CONN_MAX_AGE", default=60, minimum=0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite connections are cheap, and persistent ones only lock the file for longer.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # SQLite for a web site (Django 5.1+): a transaction takes the write lock when it begins,
    # so concurrent writers wait their turn (up to `timeout` seconds) instead of failing with
    # "database is locked" when a read turns into a write; readers never block the writer (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "spaceedu",
        }
    }
    # Sessions live in the database (any app server can read them); Redis spares the reads.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    # Without Redis, a cache on disk that every process of this deployment shares (gunicorn
    # runs several): a teacher's edit drops a cached lesson body for all of them at once, where
    # a per-process memory cache kept serving the old text from the other workers. One
    # directory per checkout and database, inside the checkout (not a guessable path in /tmp:
    # the cache holds pickles); Django creates it readable by this user only.
    database_tag = hashlib.blake2b(
        str(DATABASES["default"]["NAME"]).encode(), digest_size=6
    ).hexdigest()
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR") or str(BASE_DIR / ".cache" / database_tag),
        }
    }

# The live quiz's "session changed" events: through Redis, every ASGI server reaches every
# socket; in memory (development, one process) only its own.
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # channels_redis waits up to 5 s for a message (BZPOPMIN); redis-py 8's default
            # 5 s read timeout would end every quiet socket, so the read may take longer.
            "CONFIG": {
                "hosts": [{"address": REDIS_URL, "socket_timeout": 30}],
                "prefix": "spaceedu-live",
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# A live session nobody touches for this long ends, and its PIN is free again.
LIVE_IDLE_MINUTES = env_int("LIVE_IDLE_MINUTES", default=30, minimum=1)

AUTH_USER_MODEL = "spaceedu.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Password-reset e-mail. EMAIL_URL says it all in one variable; without it, Django's EMAIL_*
# variables one by one. With neither, mail goes to the console (the logs).
_email_url = env_email_url("EMAIL_URL")
if _email_url:
    EMAIL_BACKEND = _email_url["EMAIL_BACKEND"]
    EMAIL_HOST = _email_url["EMAIL_HOST"] or "localhost"
    EMAIL_PORT = _email_url["EMAIL_PORT"] or 25
    EMAIL_HOST_USER = _email_url["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _email_url["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = _email_url["EMAIL_USE_TLS"]
    EMAIL_USE_SSL = _email_url["EMAIL_USE_SSL"]
    EMAIL_TIMEOUT = _email_url["EMAIL_TIMEOUT"]
    EMAIL_FILE_PATH = _email_url["EMAIL_FILE_PATH"]
else:
    EMAIL_BACKEND = os.environ.get(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
    )
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", default=25, minimum=1)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", default=None, minimum=1)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SpaceEdu <noreply@localhost>")

# Failed logins: after LOGIN_FAILURE_LIMIT failures for one account, or from one address,
# a 15-minute pause with a clear message (templates/registration/locked_out.html). A school
# behind one address may raise the limit.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", default=10, minimum=1)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Lockouts are still logged as warnings; the per-request chatter would bury them (and
# management commands' output, which shares stdout with the logs).
AXES_VERBOSE = False

# The client's address: REMOTE_ADDR, or behind PROXY_COUNT reverse proxies the PROXY_COUNT-th
# X-Forwarded-For entry from the right (each proxy appends the address it saw; what lies to the
# left came from the client). One function, throttling.addresses.client_address, for axes and
# for every rate limit, so all throttles agree on who the client is.
PROXY_COUNT = env_int("PROXY_COUNT", default=0, minimum=0)
AXES_CLIENT_IP_CALLABLE = "throttling.addresses.client_address"

# Rate limits on forms (throttling.limits): past one, a 429 page says when to try again. Every
# post counts; the counts live in the cache (Redis: shared by all app servers). A school behind
# one address may raise the per-address limits.
RATE_LIMIT_PASSWORD_RESET = env_rate("RATE_LIMIT_PASSWORD_RESET", default="5/h")
RATE_LIMIT_JOIN_PER_USER = env_rate("RATE_LIMIT_JOIN_PER_USER", default="10/m")
RATE_LIMIT_JOIN_PER_ADDRESS = env_rate("RATE_LIMIT_JOIN_PER_ADDRESS", default="30/m")
# A live quiz's PIN: a class of 40 phones behind one school address must get in at once, so
# the address budget is wider; a PIN guessed wrong counts apart, far tighter.
RATE_LIMIT_LIVE_JOIN_PER_ADDRESS = env_rate("RATE_LIMIT_LIVE_JOIN_PER_ADDRESS", default="120/m")
RATE_LIMIT_LIVE_PIN_MISS_PER_ADDRESS = env_rate(
    "RATE_LIMIT_LIVE_PIN_MISS_PER_ADDRESS", default="15/m"
)
RATE_LIMIT_PASSWORD_CHECK_PER_USER = env_rate("RATE_LIMIT_PASSWORD_CHECK_PER_USER", default="10/h")
RATE_LIMIT_PASSWORD_CHECK_PER_ADDRESS = env_rate(
    "RATE_LIMIT_PASSWORD_CHECK_PER_ADDRESS", default="30/h"
)
RATELIMIT_IP_META_KEY = AXES_CLIENT_IP_CALLABLE

# Content-Security-Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# The course the importer builds and the site shows.
SPACEEDU_COURSE_SLUG = "space-partnerships"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "spaceedu.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
