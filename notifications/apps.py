from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications: the in-app inbox, reminders, and their delivery through channels.

    Layers, each importing only the ones below it: ``tasks`` (Celery) -> ``services`` (what
    other apps call: notify, reminders, inbox, subscriptions) and ``delivery`` (claims, sending,
    outcomes, retries) -> ``channels`` (web push; others register beside it) -> ``models``.
    The kinds of message and when to send them live with the apps that send them
    (their ``notices.py``), loaded in their own ``ready()``.
    """

    name = "notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications import channels, tasks  # noqa: F401  (tasks: signal receivers)
        from notifications.channels.phone import SmsChannel, WhatsAppChannel
        from notifications.channels.webpush import WebPushChannel

        channels.register(WebPushChannel())
        channels.register(WhatsAppChannel())
        channels.register(SmsChannel())
        from notifications import notices  # noqa: F401  (account messages cms cannot send)
