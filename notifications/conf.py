"""The notification settings with their defaults (the "Web push" and "WhatsApp and SMS" blocks
of cms/settings/base.py)."""

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
    # --- WhatsApp and SMS ---
    # Which backend sends each: "console" (kept in the admin), "http" (a JSON gateway) or
    # "twilio".
    "WHATSAPP_BACKEND": "console",
    "SMS_BACKEND": "console",
    # The generic HTTP gateway, per channel: URL, an auth header (name and value) or basic
    # credentials, and the JSON body with "$to", "$text", "$template", "$language", "$params",
    # "$reference" replaced (None: the default body of the channel).
    "WHATSAPP_HTTP_URL": "",
    "WHATSAPP_HTTP_AUTH_HEADER": "Authorization",
    "WHATSAPP_HTTP_AUTH_VALUE": "",
    "WHATSAPP_HTTP_USERNAME": "",
    "WHATSAPP_HTTP_PASSWORD": "",
    "WHATSAPP_HTTP_BODY": None,
    "SMS_HTTP_URL": "",
    "SMS_HTTP_AUTH_HEADER": "Authorization",
    "SMS_HTTP_AUTH_VALUE": "",
    "SMS_HTTP_USERNAME": "",
    "SMS_HTTP_PASSWORD": "",
    "SMS_HTTP_BODY": None,
    # Twilio (its official SDK): account, token, senders, and the Content SID of each approved
    # WhatsApp template by name. The API base URL changes only for tests.
    "TWILIO_ACCOUNT_SID": "",
    "TWILIO_AUTH_TOKEN": "",
    "TWILIO_API_BASE_URL": "https://api.twilio.com",
    "TWILIO_SMS_FROM": "",
    "TWILIO_WHATSAPP_FROM": "",
    "TWILIO_CONTENT_SIDS": {},
    # Per-kind WhatsApp templates ({"kind": {"name": ..., "params": [...]}}) and the one for
    # kinds with none (parameters: title, text, link).
    "WHATSAPP_TEMPLATES": {},
    "WHATSAPP_DEFAULT_TEMPLATE": "berdaya_notification",
    "SMS_MAX_CHARS": 300,
    # Seconds to wait for a gateway.
    "PHONE_HTTP_TIMEOUT": 10.0,
    # Urgent kinds: the next channel is tried when nothing was delivered after this long.
    "NOTIFY_ESCALATE_AFTER_SECONDS": 600,
    # Paid messages (WhatsApp and SMS) a month: per person and for the whole programme; and
    # what one costs (rupiah), for the spending shown to managers.
    "PAID_CAP_PER_PERSON": 30,
    "PAID_CAP_PROGRAMME": 5000,
    "PAID_PRICE_WHATSAPP": 500,
    "PAID_PRICE_SMS": 350,
}
