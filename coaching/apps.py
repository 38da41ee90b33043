from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    """Experts, coaching clinics, bookings, waitlists, notes and follow-ups."""

    name = "coaching"
    verbose_name = _("Coaching")
    default_auto_field = "django.db.models.BigAutoField"
