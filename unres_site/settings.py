"""The one settings module of unres; every setting that varies comes from the environment.

* ``UNRES_DATA_DIR`` — where the SQLite file and the search index live (default ``var/``).
* ``DATABASE_URL`` — switches to PostgreSQL (``postgres://user:pass@host:port/name``).
* ``SECRET_KEY``, ``DEBUG`` (``1``/``0``), ``ALLOWED_HOSTS`` (comma-separated).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("UNRES_DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# UNRES_PRODUCTION=1: a SECRET_KEY is required and HTTPS-only cookies and HSTS are on
# (UNRES_HTTPS=0 turns those off behind a proxy that does not speak HTTPS).
PRODUCTION = _env_bool("UNRES_PRODUCTION", False)
DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("UNRES_PRODUCTION is set: SECRET_KEY must be set too")
    SECRET_KEY = "unres-insecure-development-key-set-SECRET_KEY-in-production"
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # search before haystack: its rebuild_index replaces haystack's (see that command)
    "search",
    "haystack",
    "resolutions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "unres_site.urls"

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

WSGI_APPLICATION = "unres_site.wsgi.application"

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "unres.sqlite3",
            # A file, not memory, so that tests can run ingest in child processes; one per
            # test run, so that two runs at once never share it.
            "TEST": {"NAME": str(DATA_DIR / f"test_unres_{os.getpid()}.sqlite3")},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Parallel ingest processes wait for the write lock instead of failing; the write-ahead
    # log lets pages read while an ingest writes, and makes each commit one append (a killed
    # process still loses nothing committed; only a power cut may lose the last commits).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 120,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# Search (see search/): jieba-aware Whoosh; ``UNRES_SEARCH_INDEX`` moves the index (tests).
HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "search.backend.UnresWhooshEngine",
        "PATH": os.environ.get("UNRES_SEARCH_INDEX") or str(DATA_DIR / "whoosh_index"),
    },
}
HAYSTACK_CUSTOM_HIGHLIGHTER = "search.highlight.JiebaHighlighter"
SEARCH_INDEX_ON_INGEST = _env_bool("SEARCH_INDEX_ON_INGEST", True)
# Each web process syncs the index with the database at start, in the background (wsgi.py).
SEARCH_SYNC_ON_START = _env_bool("UNRES_SEARCH_SYNC_ON_START", True)
SEARCH_TIME_BUDGET = float(os.environ.get("UNRES_SEARCH_TIME_BUDGET") or 1.0)  # s, search/budget.py
# Long searches at once on this machine (search/budget.py); 0: half the CPU cores.
SEARCH_LANES = int(os.environ.get("UNRES_SEARCH_LANES") or 0)
# Processes that parse during ingest and that build the index (0: one per core), and the
# postings (MB) an index-building process holds before it writes them out as a segment.
INGEST_JOBS = int(os.environ.get("UNRES_INGEST_JOBS", "0") or 0)
INDEX_PROCS = int(os.environ.get("UNRES_INDEX_PROCS", "0") or 0)
INDEX_LIMITMB = int(os.environ.get("UNRES_INDEX_LIMITMB", "64") or 64)
# Decoded postings of frequent terms kept between searches, per process (search/vectorized.py).
POSTINGS_CACHE_MB = int(os.environ.get("UNRES_POSTINGS_CACHE_MB", "128") or 128)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "中文")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing STATIC_ROOT
# Whitenoise serves static/ itself (no collectstatic needed, nothing from a CDN).
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Hardening: always on ...
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A Content-Security-Policy without inline scripts (django-csp): scripts and styles come from
# our own static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# ... and with HTTPS (the default in production).
HTTPS = _env_bool("UNRES_HTTPS", PRODUCTION)
if HTTPS:
    SECURE_SSL_REDIRECT = _env_bool("UNRES_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("UNRES_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
