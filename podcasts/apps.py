from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    """Podcast index and episode pages, feed imports and our own feed."""

    name = "podcasts"
    verbose_name = _("Podcasts")
    default_auto_field = "django.db.models.BigAutoField"
