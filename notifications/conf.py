"""The web-push settings with their defaults (the "Web push" block of cms/settings/base.py)."""

from django.conf import settings


def get(name: str):
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    "WEBPUSH_VAPID_PUBLIC_KEY": "",
    "WEBPUSH_VAPID_PRIVATE_KEY": "",
    "WEBPUSH_CONTACT": "mailto:admin@example.org",
    # Attempts for 5xx, network errors and 429 before a delivery is marked failed.
    "WEBPUSH_MAX_ATTEMPTS": 6,
    # Retry delay: base * 2 ** (attempt - 1), with ±50 % jitter, capped.
    "WEBPUSH_RETRY_BASE_SECONDS": 30.0,
    "WEBPUSH_RETRY_MAX_SECONDS": 3600.0,
    # A claim not renewed for this long belongs to a worker that died; another takes it over.
    "WEBPUSH_CLAIM_TIMEOUT": 60,
    # Deliveries one task sends; reminders one transaction turns into notifications.
    "WEBPUSH_BATCH_SIZE": 50,
    "REMINDER_BATCH_SIZE": 250,
    # Pushes one worker process has in flight at once (threads waiting on the network).
    "WEBPUSH_CONCURRENCY": 1,
    # Seconds to wait for a push service.
    "WEBPUSH_HTTP_TIMEOUT": 10.0,
    # The daily prune (services/pruning.py): inbox entries kept, and the delivery log kept.
    "NOTIFICATIONS_KEEP_DAYS": 180,
    "NOTIFICATIONS_DELIVERIES_KEEP_DAYS": 30,
}
