from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class VideoConfig(AppConfig):
    """Lesson videos: uploads, the HLS ladder made by ffmpeg under Celery, the player."""

    name = "video"
    label = "video"
    verbose_name = _("Videos")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from video import signals

        post_delete.connect(
            signals.delete_video_files, sender="video.Video", dispatch_uid="video-files"
        )
        # Managers' video permissions are granted with the other media in cms.roles.
