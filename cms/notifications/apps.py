import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The reminder rules live with what they remind about; they are wired here so that those apps'
# AppConfigs stay untouched. Each module connects its receivers to its app's signals on import.
REMINDER_RULES = ("learning.reminders", "coaching.reminders")


class NotificationsConfig(AppConfig):
    """Notifications: the in-app inbox, web-push subscriptions, reminders and their sending."""

    name = "cms.notifications"
    label = "notifications"
    verbose_name = _("Notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        for module in REMINDER_RULES:
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as error:
                # Only a missing rules module is fine; an error inside one must surface.
                if error.name != module:
                    raise
