"""Settings shared by every environment; each environment module imports from here.

Everything that differs between machines is read from the environment.
"""

import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "video",
    "notifications",
    "podcasts",
    "learning",
    "coaching",
    "certificates",
    "showcase",
    "reports",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.apps.CmsUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # cms/after_response.py: writes that may wait (last active) run after the response is sent
    "cms.after_response.AfterResponseMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.middleware.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.site_shell",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# --- Database: SQLite by default, PostgreSQL (or any) from DATABASE_URL -------------------
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        # A kept connection is checked before its first use in each request or task.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the Celery worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "cms.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Languages and time -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Jakarta"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLE_TRANSLATION_SYNC_PAGE_TREE = True

# --- Static files and media ---------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS: list = []
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Public media: uploads under these prefixes are served at MEDIA_URL by the site itself (with
# gunicorn too), with Range and caching: Wagtail images and their renditions, video ladders and
# posters. Nothing else under MEDIA_ROOT is: assignment submissions, documents, video sources
# and podcast audio are sent only by views that check who asks.
PUBLIC_MEDIA_PREFIXES = ["images/", "original_images/", "videos/hls/"]
PUBLIC_MEDIA_MAX_AGE = int(os.environ.get("PUBLIC_MEDIA_MAX_AGE", 86400))

# --- Wagtail ------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Berdaya"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "docx", "xlsx", "odt", "ods", "txt"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Content-Security-Policy (django-csp) -------------------------------------------------
# No inline script on any page of the site: every script is a file under STATIC_URL. Images and
# audio may come from other sites (imported feeds name them); scripts, styles, connections and
# frames only from this one. cms.middleware adds the media origin when MEDIA_URL is absolute,
# and 'unsafe-inline' for scripts and styles on the Wagtail admin's pages only (Wagtail's own
# templates still carry inline scripts).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:", "http:"],
        "media-src": ["'self'", "blob:", "https:", "http:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "cms.middleware.ContentSecurityPolicyMiddleware",
)
# Compression that leaves byte-range responses (audio, video, media files) alone.
MIDDLEWARE[MIDDLEWARE.index("django.middleware.gzip.GZipMiddleware")] = (
    "cms.middleware.GZipMiddleware"
)

# --- Celery -------------------------------------------------------------------------------
# With no CELERY_BROKER_URL the broker is a folder on disk: web, worker and beat share it
# without any server. Production and CI point CELERY_BROKER_URL at Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "filesystem://")
_celery_queue_dir = Path(os.environ.get("CELERY_QUEUE_DIR", BASE_DIR / "var" / "celery"))
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(_celery_queue_dir / "queue"),
        "data_folder_out": str(_celery_queue_dir / "queue"),
        "processed_folder": str(_celery_queue_dir / "processed"),
        "control_folder": str(_celery_queue_dir / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600}
)
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# Celery closes the database connection around every task unless this is set; cms/celery.py
# then handles connections the way Django does for requests (DB_CONN_MAX_AGE, health checks).
CELERY_DB_REUSE_MAX = 1_000_000
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(_celery_queue_dir / "beat-schedule")
# Every periodic job, in one place. Each is idempotent (safe to run twice).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "podcasts-import-feeds": {"task": "podcasts.tasks.import_all_feeds", "schedule": 3600.0},
    # Due reminders become notifications; due pushes, retries and dead workers' claims are sent.
    "notifications-tick": {"task": "notifications.tick", "schedule": 60.0},
    # Daily digests at 08:00 in each person's zone (zones are whole hours: every 15 min is ample).
    "notifications-daily-digests": {"task": "notifications.daily_digests", "schedule": 900.0},
}

# --- Web push -----------------------------------------------------------------------------
# VAPID keys from `manage.py vapid_keys`; the public key is given to the page, the private key
# signs each push. WEBPUSH_CONTACT is the `sub` claim push services may write to.
# Without them in the environment, local runs use var/vapid.json, which the demo loader writes.
WEBPUSH_VAPID_PUBLIC_KEY = os.environ.get("WEBPUSH_VAPID_PUBLIC_KEY", "")
WEBPUSH_VAPID_PRIVATE_KEY = os.environ.get("WEBPUSH_VAPID_PRIVATE_KEY", "")
if not WEBPUSH_VAPID_PRIVATE_KEY and (BASE_DIR / "var" / "vapid.json").exists():
    _vapid = json.loads((BASE_DIR / "var" / "vapid.json").read_text())
    WEBPUSH_VAPID_PRIVATE_KEY, WEBPUSH_VAPID_PUBLIC_KEY = _vapid["private"], _vapid["public"]
WEBPUSH_CONTACT = os.environ.get("WEBPUSH_CONTACT", "mailto:admin@example.org")
WEBPUSH_MAX_ATTEMPTS = int(os.environ.get("WEBPUSH_MAX_ATTEMPTS", "6"))
WEBPUSH_RETRY_BASE_SECONDS = float(os.environ.get("WEBPUSH_RETRY_BASE_SECONDS", "30"))
WEBPUSH_RETRY_MAX_SECONDS = float(os.environ.get("WEBPUSH_RETRY_MAX_SECONDS", "3600"))
# A claimed delivery whose worker died is taken over after this many seconds (a running batch
# renews its claims three times as often).
WEBPUSH_CLAIM_TIMEOUT = int(os.environ.get("WEBPUSH_CLAIM_TIMEOUT", "60"))
WEBPUSH_BATCH_SIZE = int(os.environ.get("WEBPUSH_BATCH_SIZE", "50"))
# Pushes each worker process keeps in flight at once.
WEBPUSH_CONCURRENCY = int(os.environ.get("WEBPUSH_CONCURRENCY", "1"))

# --- Uploads, imports and their limits ----------------------------------------------------
# A participant's file or photo for an assignment (photos are re-encoded smaller after).
LEARNING_MAX_UPLOAD_BYTES = int(os.environ.get("LEARNING_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
# A lesson video's source file and length.
VIDEO_MAX_UPLOAD_BYTES = int(os.environ.get("VIDEO_MAX_UPLOAD_BYTES", 500 * 1024 * 1024))
VIDEO_MAX_DURATION_SECONDS = float(os.environ.get("VIDEO_MAX_DURATION_SECONDS", 30 * 60))
# After a re-run, the ladder it replaced stays this long, for players already streaming it.
VIDEO_OLD_LADDER_GRACE_SECONDS = int(os.environ.get("VIDEO_OLD_LADDER_GRACE_SECONDS", 3600))
# Podcast feed imports: time allowed, largest feed, and whether private addresses may be
# fetched (off: feeds are public; the tests turn it on for their server on 127.0.0.1).
PODCASTS_FEED_TIMEOUT = float(os.environ.get("PODCASTS_FEED_TIMEOUT", 10))
PODCASTS_FEED_MAX_BYTES = int(os.environ.get("PODCASTS_FEED_MAX_BYTES", 10 * 1024 * 1024))

# --- Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Rate limits (cms/throttle.py, django-ratelimit) count in the default cache: local memory here,
# Redis in production. CLIENT_IP_HEADER names the header a reverse proxy puts the client's
# address in (X-Real-IP or X-Forwarded-For); unset, the connection's own address counts.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
RATELIMIT_IP_META_KEY = "cms.throttle.client_address"
RATE_LIMITS: dict[str, str] = {}

# Certificates: the implementing organisations printed when a certificate type names none.
CERTIFICATE_ORGANISATIONS = os.environ.get("CERTIFICATE_ORGANISATIONS", "Berdaya")

# --- Business showcase --------------------------------------------------------------------
# The Mastery lesson on product licences, when the showcase settings in the admin name none.
SHOWCASE_LICENSING_LESSON_SLUG = os.environ.get(
    "SHOWCASE_LICENSING_LESSON_SLUG", "izin-pirt-halal-bpom"
)

# --- Cached navigation (cms/navigation.py) ------------------------------------------------
# The curriculum's routes, stages, modules, lessons and rendered lesson bodies are cached and
# rebuilt after every publish; this bounds how long a change another process missed can show.
NAVIGATION_CACHE_SECONDS = int(os.environ.get("NAVIGATION_CACHE_SECONDS", 600))
