"""Lesson videos: the uploaded source, its processing state and the HLS ladder made from it."""

import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import CollectionMember
from wagtail.search import index


class VideoStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class DataSaver(models.TextChoices):
    """How a person wants lesson videos to play on their data plan."""

    AUTO = "auto", _("Normal")
    LOW = "low", _("Data saver (144p)")
    AUDIO = "audio", _("Audio only")


def source_upload_to(instance: "Video", filename: str) -> str:
    return f"videos/source/{uuid.uuid4().hex[:12]}/{filename}"


class Video(CollectionMember, index.Indexed, models.Model):
    """An uploaded lesson video and the HLS ladder made from it.

    The ladder lives under ``hls_prefix`` in the default storage. A re-run writes a new
    prefix and switches ``hls_prefix``, ``renditions`` and ``poster`` in one UPDATE when every
    file is stored, so players only ever see a complete ladder.
    """

    title = models.CharField(_("title"), max_length=255)
    source = models.FileField(
        _("source file"),
        upload_to=source_upload_to,
        max_length=255,
        help_text=_(
            "The original video (MP4, MOV, WebM, ...). It is converted into small versions "
            "for slow mobile data; the original is never sent to participants."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=VideoStatus.choices, default=VideoStatus.WAITING
    )
    failure_reason = models.TextField(_("reason it failed"), blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    duration = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    source_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    source_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster = models.CharField(
        _("poster image"), max_length=255, blank=True, editable=False,
        help_text=_("Storage name of the frame shown before play."),
    )  # fmt: skip
    hls_prefix = models.CharField(max_length=255, blank=True, editable=False)
    renditions = models.JSONField(_("renditions"), default=list, blank=True, editable=False)
    attempt = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    processed_at = models.DateTimeField(_("last converted"), null=True, blank=True)

    search_fields = [
        *CollectionMember.search_fields,
        index.SearchField("title", boost=10),
        index.AutocompleteField("title"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["-created_at"]
        permissions = [("choose_video", _("Can choose video"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="video_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | ~Q(hls_prefix=""),
                name="video_ready_has_ladder",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(failure_reason=""),
                name="video_failed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_playable(self) -> bool:
        """A complete ladder exists (possibly an older one while a re-run is going on)."""
        return bool(self.hls_prefix and self.renditions)

    def storage_url(self, relative: str) -> str:
        return default_storage.url(f"{self.hls_prefix}/{relative}")

    @property
    def master_url(self) -> str:
        return self.storage_url("master.m3u8") if self.is_playable else ""

    @property
    def poster_url(self) -> str:
        return default_storage.url(self.poster) if self.poster else ""

    def rendition(self, name: str) -> dict | None:
        return next((item for item in self.renditions if item["name"] == name), None)

    def playlist_url(self, name: str) -> str:
        item = self.rendition(name)
        return self.storage_url(item["playlist"]) if item and self.is_playable else ""

    @property
    def has_picture(self) -> bool:
        return any(item.get("height") for item in self.renditions)

    def megabytes(self, name: str) -> float | None:
        """About how much data playing the whole video at this rendition costs."""
        item = self.rendition(name)
        if not item or not self.duration:
            return None
        return max(0.1, round(item["bandwidth"] / 1.1 * self.duration / 8 / 1_000_000, 1))


class DataSaverPreference(models.Model):
    """A person's choice of how lesson videos play, kept with their account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="video_data_saver"
    )
    mode = models.CharField(
        _("data saver"), max_length=8, choices=DataSaver.choices, default=DataSaver.AUTO
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("video data saver choice")
        verbose_name_plural = _("video data saver choices")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.mode}"
