"""Local development: the embedded default (SQLite, on-disk Celery broker)."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-not-secret"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
