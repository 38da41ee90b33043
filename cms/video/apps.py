from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VideoConfig(AppConfig):
    """Lesson videos: uploads, the HLS ladder made by ffmpeg under Celery, the player."""

    name = "cms.video"
    label = "video"
    verbose_name = _("Videos")
    default_auto_field = "django.db.models.BigAutoField"
