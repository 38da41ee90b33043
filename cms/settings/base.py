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
    "cms.middleware.AdminTimeZoneMiddleware",
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

# Behind PgBouncer in transaction pooling (DATABASE_POOLER=pgbouncer), consecutive transactions
# of one Django connection may run on different server connections: no server-side prepared
# statements (psycopg's prepare_threshold None; explicit prepare=True in the code is skipped
# too), no server-side cursors (they live past their transaction), no session-level SET.
DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "")
if DATABASE_POOLER and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = None
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

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
# --- Installable app (cms/pwa) ------------------------------------------------------------
# HTML pages say whose they are, so the service worker never shows one person's page to another.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "cms.middleware.PagePersonMiddleware",
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
    "notifications-tick": {
        "task": "notifications.tick",
        "schedule": float(os.environ.get("NOTIFICATIONS_TICK_SECONDS", 60)),
    },
    # Daily digests at 08:00 in each person's zone (zones are whole hours: every 15 min is ample).
    "notifications-daily-digests": {"task": "notifications.daily_digests", "schedule": 900.0},
    # Old inbox entries, the delivery log and expired sessions, once a day.
    "notifications-prune": {"task": "notifications.prune", "schedule": 86400.0},
    "cms-prune-sessions": {"task": "cms.prune_sessions", "schedule": 86400.0},
    # Sign-in codes ("Lupa kata sandi?") older than a day count for nothing: delete them.
    "cms-sign-in-codes-forget": {"task": "cms.sign_in_codes_forget", "schedule": 3600.0},
}
# Beat on Redis: celery-redbeat keeps the schedule in Redis under a lock, so beat may run on
# two machines: the second waits as a standby instead of sending every job twice, and takes
# over within CELERY_REDBEAT_LOCK_TIMEOUT seconds when the first stops. (The embedded broker
# has one beat, started by `make run`, with its schedule in a file.)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BEAT_SCHEDULER = "redbeat.RedBeatScheduler"
    CELERY_REDBEAT_REDIS_URL = os.environ.get("CELERY_REDBEAT_REDIS_URL", CELERY_BROKER_URL)
    CELERY_REDBEAT_KEY_PREFIX = os.environ.get("CELERY_REDBEAT_KEY_PREFIX", "redbeat:")
    CELERY_BEAT_MAX_LOOP_INTERVAL = int(os.environ.get("CELERY_BEAT_MAX_LOOP_INTERVAL", 30))
    CELERY_REDBEAT_LOCK_TIMEOUT = int(os.environ.get("CELERY_REDBEAT_LOCK_TIMEOUT", 150))
NOTIFICATIONS_KEEP_DAYS = int(os.environ.get("NOTIFICATIONS_KEEP_DAYS", 180))
NOTIFICATIONS_DELIVERIES_KEEP_DAYS = int(os.environ.get("NOTIFICATIONS_DELIVERIES_KEEP_DAYS", 30))

# --- Celery through restarts of Redis ------------------------------------------------------
# A worker or beat that loses Redis reconnects for as long as it takes; a web request that
# queues a task while Redis restarts retries the send for a few seconds instead of failing.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 8,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# Tasks are acknowledged late and idempotent: one running when the connection drops is given
# back to the queue and run again, rather than finishing and being run a second time anyway.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_RESULT_BACKEND_ALWAYS_RETRY = True
CELERY_RESULT_BACKEND_MAX_RETRIES = 10
if CELERY_BROKER_URL.startswith(("redis", "rediss")):
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "socket_connect_timeout": 5,
        "socket_timeout": 10,
        "retry_on_timeout": True,
        "health_check_interval": 10,
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

# --- WhatsApp and SMS ---------------------------------------------------------------------
# Each channel's backend: "console" (the embedded default: messages kept for managers to read
# in the admin), "http" (a JSON gateway, e.g. an Indonesian SMS aggregator) or "twilio".
# notifications/conf.py describes every setting; JSON ones (bodies, templates) are JSON text.
for _name in (
    "WHATSAPP_BACKEND", "SMS_BACKEND",
    "WHATSAPP_HTTP_URL", "WHATSAPP_HTTP_AUTH_HEADER", "WHATSAPP_HTTP_AUTH_VALUE",
    "WHATSAPP_HTTP_USERNAME", "WHATSAPP_HTTP_PASSWORD",
    "SMS_HTTP_URL", "SMS_HTTP_AUTH_HEADER", "SMS_HTTP_AUTH_VALUE",
    "SMS_HTTP_USERNAME", "SMS_HTTP_PASSWORD",
    "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_BASE_URL",
    "TWILIO_SMS_FROM", "TWILIO_WHATSAPP_FROM", "WHATSAPP_DEFAULT_TEMPLATE",
):  # fmt: skip
    if os.environ.get(_name):
        globals()[_name] = os.environ[_name]
for _name in ("WHATSAPP_HTTP_BODY", "SMS_HTTP_BODY", "TWILIO_CONTENT_SIDS", "WHATSAPP_TEMPLATES"):
    if os.environ.get(_name):
        globals()[_name] = json.loads(os.environ[_name])
for _name in (
    "NOTIFY_ESCALATE_AFTER_SECONDS", "PAID_CAP_PER_PERSON", "PAID_CAP_PROGRAMME",
    "PAID_PRICE_WHATSAPP", "PAID_PRICE_SMS",
):  # fmt: skip
    if os.environ.get(_name):
        globals()[_name] = int(os.environ[_name])

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

# --- Service worker: scripts it imports --------------------------------------------------
# Static paths the site's worker (/sw.js) loads with importScripts: the outbox's Background
# Sync replay (work done offline, sent when signal comes back).
PWA_WORKER_IMPORTS = ["cms/sw-outbox.js"]

# --- Data saver -----------------------------------------------------------------------------
# request.data_saver: the person's choice, else the phone's (Save-Data header, 2G/3G cookie).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "cms.data_saver.DataSaverMiddleware",
)

# --- Cached navigation (cms/navigation.py) ------------------------------------------------
# The curriculum's routes, stages, modules, lessons and rendered lesson bodies are cached and
# rebuilt after every publish; this bounds how long a change another process missed can show.
NAVIGATION_CACHE_SECONDS = int(os.environ.get("NAVIGATION_CACHE_SECONDS", 600))
