from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    """Podcast index and episode pages, feed imports and our own feed."""

    name = "podcasts"
    verbose_name = _("Podcasts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from podcasts import signals
        from podcasts.models import EpisodePage

        page_published.connect(
            signals.queue_data_saver_on_publish,
            sender=EpisodePage,
            dispatch_uid="podcasts-data-saver",
        )
