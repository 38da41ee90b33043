"""Podcast pages (an index holding episodes), feed sources to import, and listening state."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.validators import EARLIEST, LATEST, validate_sensible_date
from podcasts.audio import AUDIO_EXTENSIONS, AudioError, audio_metadata_read

NOTES_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]

# Apple Podcasts categories that fit the programme, stored as "Category" or "Category/Sub".
CATEGORY_CHOICES = [
    ("Education", "Education"),
    ("Education/How To", "Education › How To"),
    ("Education/Self-Improvement", "Education › Self-Improvement"),
    ("Business", "Business"),
    ("Business/Entrepreneurship", "Business › Entrepreneurship"),
    ("Business/Marketing", "Business › Marketing"),
    ("Business/Management", "Business › Management"),
    ("Society & Culture", "Society & Culture"),
    ("Society & Culture/Personal Journals", "Society & Culture › Personal Journals"),
    ("Government", "Government"),
    ("News", "News"),
]


class PodcastIndexPage(Page):
    """A podcast (a show): its episodes are the child pages; it publishes an RSS feed."""

    description = models.TextField(
        _("description"),
        help_text=_("What the podcast is about, in a few sentences. Podcast apps show this."),
    )
    artwork = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("artwork"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A square picture, at least 1400×1400 pixels, JPEG or PNG."),
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="id",
        help_text=_("The language spoken in the episodes."),
    )
    category = models.CharField(
        _("category"),
        max_length=80,
        choices=CATEGORY_CHOICES,
        default="Education",
        help_text=_("The Apple Podcasts category the show is listed under."),
    )
    author = models.CharField(
        _("author"), max_length=200, help_text=_("Who makes the podcast, as listeners see it.")
    )
    owner_name = models.CharField(
        _("owner name"), max_length=200, help_text=_("Contact for podcast directories.")
    )
    owner_email = models.EmailField(
        _("owner email"), help_text=_("Podcast directories send verification mail here.")
    )
    explicit = models.BooleanField(
        _("explicit"), default=False, help_text=_("Tick if any episode has explicit content.")
    )
    podcast_guid = models.UUIDField(
        _("podcast GUID"),
        default=uuid.uuid4,
        editable=False,
        help_text=_("The show's permanent identifier (Podcasting 2.0 podcast:guid)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("description"),
        FieldPanel("artwork"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("language"), FieldPanel("category")]),
                FieldPanel("author"),
                FieldRowPanel([FieldPanel("owner_name"), FieldPanel("owner_email")]),
                FieldPanel("explicit"),
            ],
            heading=_("For podcast apps"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["podcasts.EpisodePage"]
    exclude_fields_in_copy = ["podcast_guid"]

    class Meta:
        verbose_name = _("podcast")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from podcasts.selectors import podcast_episodes

        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(podcast_episodes(index=self), 20)
        context["episodes"] = paginator.get_page(request.GET.get("page"))
        context["feed_url"] = self.feed_url
        context["feed_address"] = request.build_absolute_uri(self.feed_url)
        return context

    @property
    def feed_url(self) -> str:
        return reverse(
            "podcasts:feed", kwargs={"slug": self.slug, "lang": self.locale.language_code}
        )

    @property
    def category_pair(self) -> tuple[str, str]:
        main, _sep, sub = self.category.partition("/")
        return main, sub


class FeedStatus(models.TextChoices):
    NEVER = "never", _("Not fetched yet")
    IMPORTED = "imported", _("Imported")
    NOT_MODIFIED = "not_modified", _("Unchanged (304)")
    ERROR = "error", _("Failed")


class FeedSource(models.Model):
    """An external podcast feed whose episodes are imported into one of our podcasts."""

    url = models.URLField(
        _("feed URL"),
        max_length=1000,
        help_text=_("The RSS address of the podcast, starting with http:// or https://."),
    )
    index = models.ForeignKey(
        PodcastIndexPage,
        verbose_name=_("podcast"),
        on_delete=models.CASCADE,
        related_name="feed_sources",
        help_text=_("The podcast whose episodes this feed adds to and updates."),
    )
    publish_new = models.BooleanField(
        _("publish new episodes"),
        default=False,
        help_text=_("Publish new episodes at once; otherwise they wait as drafts for review."),
    )
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    last_status = models.CharField(
        _("last result"), max_length=20, choices=FeedStatus.choices, default=FeedStatus.NEVER
    )
    last_result = models.CharField(_("summary"), max_length=300, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed source")
        verbose_name_plural = _("feed sources")
        ordering = ["url"]
        constraints = [
            models.UniqueConstraint(fields=["url", "index"], name="podcasts_feed_url_per_index")
        ]

    def __str__(self) -> str:
        return self.url


class EpisodePage(Page):
    """One episode: audio (uploaded or at an external URL), notes and a transcript.

    ``guid`` is given once, when the episode is first saved (or taken from the imported feed),
    and is never changed afterwards: podcast apps use it to know an episode they have seen.
    """

    guid = models.CharField(
        _("GUID"),
        max_length=500,
        editable=False,
        db_index=True,
        help_text=_("The episode's permanent identifier in feeds. Set once, never changed."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences shown in lists and podcast apps."),
    )
    show_notes = RichTextField(_("show notes"), features=NOTES_FEATURES, blank=True)
    audio_file = models.FileField(
        _("audio file"),
        upload_to="podcasts/audio/%Y/%m/",
        blank=True,
        max_length=500,
        validators=[FileExtensionValidator(AUDIO_EXTENSIONS)],
        help_text=_("Upload MP3 (best for phones), M4A, OGG or Opus. Or give an external URL."),
    )
    audio_url = models.URLField(
        _("external audio URL"),
        max_length=1000,
        blank=True,
        help_text=_("Where the audio lives if it is not uploaded here."),
    )
    duration = models.PositiveIntegerField(
        _("duration (seconds)"),
        null=True,
        blank=True,
        help_text=_("Read from uploaded files; give it for external audio."),
    )
    audio_size = models.PositiveBigIntegerField(_("file size (bytes)"), null=True, blank=True)
    audio_type = models.CharField(_("file type"), max_length=100, blank=True)
    season_number = models.PositiveIntegerField(_("season"), null=True, blank=True)
    episode_number = models.PositiveIntegerField(_("episode number"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        validators=[validate_sensible_date],
        help_text=_("Shown to listeners; podcast apps sort episodes by it."),
    )
    transcript = models.TextField(
        _("transcript"), blank=True, help_text=_("What is said, for reading instead of listening.")
    )
    transcript_url = models.URLField(_("transcript URL"), max_length=1000, blank=True)
    artwork = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("artwork"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional: the podcast's artwork is used when empty."),
    )
    artwork_url = models.URLField(_("artwork URL"), max_length=1000, blank=True)
    explicit = models.BooleanField(_("explicit"), default=False)
    source = models.ForeignKey(
        FeedSource,
        verbose_name=_("imported from"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="episodes",
    )
    updated_at = models.DateTimeField(auto_now=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("audio_file"),
                FieldPanel("audio_url"),
                FieldRowPanel(
                    [FieldPanel("duration"), FieldPanel("audio_size"), FieldPanel("audio_type")]
                ),
            ],
            heading=_("Audio"),
        ),
        FieldRowPanel(
            [FieldPanel("season_number"), FieldPanel("episode_number"), FieldPanel("published_at")]
        ),
        FieldPanel("show_notes"),
        FieldPanel("transcript"),
        FieldPanel("transcript_url"),
        FieldPanel("artwork"),
        FieldPanel("explicit"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("show_notes"),
        index.SearchField("transcript"),
    ]
    parent_page_types = ["podcasts.PodcastIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["guid"]
    # Indexed on save by podcasts.signals instead, which a feed import can defer to one batch.
    search_auto_update = False

    class Meta:
        verbose_name = _("episode")

    # --- guid and audio bookkeeping ------------------------------------------------------
    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._stored_guid = instance.__dict__.get("guid")
        return instance

    def _guid_in_database(self) -> str | None:
        if not self.pk:
            return None
        if "_stored_guid" in self.__dict__:
            return self._stored_guid
        return EpisodePage.objects.filter(pk=self.pk).values_list("guid", flat=True).first()

    def _read_new_audio(self) -> bool:
        """Read duration, size and type of a freshly uploaded file. True if there was one."""
        upload = self.audio_file
        if not upload or getattr(upload, "_committed", True):
            return False
        try:
            meta = audio_metadata_read(upload.file, name=upload.name)
        except AudioError as error:
            raise ValidationError({"audio_file": str(error)}) from error
        self.duration, self.audio_size, self.audio_type = meta.duration, meta.size, meta.mime
        return True

    def _commit_new_audio(self) -> None:
        upload = self.audio_file
        if upload and not getattr(upload, "_committed", True):
            self._read_new_audio()
            upload.save(upload.name, upload.file, save=False)

    def clean(self):
        super().clean()
        if not self.audio_file and not self.audio_url:
            raise ValidationError(
                {"audio_file": _("Upload an audio file or give an external audio URL.")}
            )
        self._read_new_audio()

    def save(self, *args, **kwargs):
        stored = self._guid_in_database()
        if stored:
            self.guid = stored  # never changes once given
        elif not self.guid:
            self.guid = str(uuid.uuid4())
        self._commit_new_audio()
        result = super().save(*args, **kwargs)
        self._stored_guid = self.guid
        return result

    def save_revision(self, *args, **kwargs):
        # A draft keeps its upload in the revision's JSON by name, so store the file first.
        self._commit_new_audio()
        return super().save_revision(*args, **kwargs)

    # --- what templates and the feed use --------------------------------------------------
    @property
    def has_audio(self) -> bool:
        return bool(self.audio_file or self.audio_url)

    @property
    def audio_extension(self) -> str:
        from podcasts.audio import extension_for

        return extension_for(self.audio_type, self.audio_file.name if self.audio_file else "")

    @property
    def published_on(self):
        """The publication date to show, or None if the stored one is outside 2000-2100 (a row
        written before imports refused such dates): showing it would break time zones."""
        for moment in (self.published_at, self.first_published_at):
            if moment is not None and EARLIEST <= moment.date() <= LATEST:
                return moment
        return None

    @property
    def audio_src(self) -> str:
        """Where players fetch the audio: our Range-capable view, or the external URL."""
        if self.audio_file and self.pk:
            return reverse("podcasts:audio", kwargs={"pk": self.pk, "ext": self.audio_extension})
        return self.audio_url  # also while previewing a page not saved yet

    @property
    def transcript_src(self) -> str:
        if self.transcript:
            return reverse("podcasts:transcript", kwargs={"pk": self.pk})
        return self.transcript_url

    def get_context(self, request, *args, **kwargs):
        from podcasts.selectors import (
            data_saver_for,
            episode_lessons,
            playback_position_get,
        )

        context = super().get_context(request, *args, **kwargs)
        context["podcast"] = self.get_parent().specific
        context["lessons"] = episode_lessons(episode=self)
        context["saver"] = data_saver_for(episode=self)
        context["position"] = (
            playback_position_get(user=request.user, episode=self)
            if request.user.is_authenticated
            else None
        )
        return context


class DataSaverAudio(models.Model):
    """A small mono version (≤48 kbps) of an uploaded audio file, made by ffmpeg in Celery.

    Keyed by the source file's storage name, so page revisions never lose it.
    """

    source_name = models.CharField(max_length=500, unique=True)
    file = models.FileField(upload_to="podcasts/saver/", max_length=500)
    size = models.PositiveBigIntegerField()
    bitrate = models.PositiveIntegerField(help_text=_("Bits per second."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("data-saver audio")
        verbose_name_plural = _("data-saver audio")

    def __str__(self) -> str:
        return self.file.name


class PlaybackPosition(models.Model):
    """Where a signed-in listener stopped in an episode, so another device can resume there."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="playback_positions"
    )
    episode = models.ForeignKey(
        EpisodePage, on_delete=models.CASCADE, related_name="playback_positions"
    )
    seconds = models.FloatField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "episode"], name="podcasts_one_position"),
            models.CheckConstraint(
                condition=models.Q(seconds__gte=0), name="podcasts_position_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.episode_id}: {self.seconds:.0f}s"
