from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    """What a learner does: cohorts, progress, attendance, assignments and reviews."""

    name = "learning"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"
