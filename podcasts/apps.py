from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    """Podcast index and episode pages, feed imports and our own feed."""

    name = "podcasts"
    verbose_name = _("Podcasts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published

        from podcasts import signals
        from podcasts.models import EpisodePage

        page_published.connect(
            signals.queue_data_saver_on_publish,
            sender=EpisodePage,
            dispatch_uid="podcasts-data-saver",
        )
        post_save.connect(
            signals.index_episode_on_save, sender=EpisodePage, dispatch_uid="podcasts-index"
        )
        post_delete.connect(
            signals.unindex_episode_on_delete, sender=EpisodePage, dispatch_uid="podcasts-unindex"
        )
