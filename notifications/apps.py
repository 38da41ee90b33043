from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """Notifications: the in-app inbox, web-push subscriptions, reminders and their sending.

    The rules for when to remind live with what they remind about (``learning.notices``,
    ``coaching.reminders``); those apps load them in their own ``ready()``.
    """

    name = "notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"
