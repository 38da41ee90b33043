"""Production: refuses to start without its secrets."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set in production (comma-separated).")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
# Web and worker processes keep their database connection for a minute (checked before reuse).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405

# --- HTTPS: HSTS, redirect to https, secure cookies -----------------------------------------
# On by default. HTTPS=0 is the one switch for serving these settings over plain http (a test
# server, a LAN without certificates): cookies lose Secure, no HSTS, no redirect to https.
# SECURE_COOKIES=0 is the older name of the same switch.
HTTPS = env_bool("HTTPS", env_bool("SECURE_COOKIES", True))  # noqa: F405
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 3600)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)  # noqa: F405

# Storage: S3-compatible when configured (django-storages must then be installed).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405

# Cache: Redis (rate limits, cache_page) shared by every web process. CACHE_URL, else REDIS_URL;
# without either each process counts on its own, which a determined guesser can spread over.
CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "berdaya",
        }
    }
    # Sessions read from Redis (written through to the database, so a Redis restart signs
    # nobody out): a signed-in page asks the database one query fewer.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Scaled out: riding out restarts of Redis (DATABASE_POOLER for PgBouncer is in base.py) ---
# A cache on Redis misses and drops writes while Redis restarts instead of failing the request
# (cms/cache.py), and gives up on an unanswering Redis after a second.
for _cache in CACHES.values():
    if _cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        _cache["BACKEND"] = "cms.cache.ResilientRedisCache"
        _cache["OPTIONS"] = {"socket_connect_timeout": 1, "socket_timeout": 1} | _cache.get(
            "OPTIONS", {}
        )
