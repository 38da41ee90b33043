"""Experts, clinic topics, clinic sessions, bookings (with their waitlist), notes and follow-ups.

Times are stored in UTC. The rules that can race are held by the database:

- a session never has more confirmed bookings than seats: ``confirmed_count`` is raised only by
  a conditional ``UPDATE`` under the session's row lock, and a check constraint keeps it within
  ``0..capacity``;
- one active booking per (session, participant) and one booking per request key: unique
  constraints;
- an expert's sessions never overlap: on PostgreSQL an exclusion constraint (btree_gist, see
  migration 0002), everywhere a row lock on the expert while the service checks.
"""

import uuid
import zoneinfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.models.users import TIME_ZONE_LABELS, TimeZoneChoice
from cms.zoned import zoned_text


class Topic(models.Model):
    """A coaching topic (access to capital, digital marketing, ...); managers edit the list."""

    name = models.CharField(_("name (Bahasa Indonesia)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("clinic topic")
        verbose_name_plural = _("clinic topics")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if (get_language() or "id").startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Sector(models.TextChoices):
    PRIVATE = "private", _("Private sector")
    GOVERNMENT = "government", _("Government")


class Expert(models.Model):
    """An expert's public profile; the person signs in as ``user`` (in the experts group)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("user"),
    )
    organisation = models.CharField(_("organisation"), max_length=150)
    sector = models.CharField(_("sector"), max_length=12, choices=Sector.choices)
    topics = models.ManyToManyField(Topic, related_name="experts", verbose_name=_("topics"))
    bio = models.TextField(_("short bio"), max_length=800, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive experts cannot get new sessions.")
    )

    class Meta:
        ordering = ["user__name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.user.name


class SessionMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Audience(models.TextChoices):
    MASTERY = "mastery", _("Participants who reached the Mastery stage")
    COHORT = "cohort", _("One cohort")
    ALL = "all", _("All participants")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class SessionSeries(models.Model):
    """Slots created in one go (for example every Tuesday 09:00–12:00 in 30-minute slots)."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="series")
    description = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("series of slots")
        verbose_name_plural = _("series of slots")

    def __str__(self) -> str:
        return self.description or f"#{self.pk}"


class ClinicSession(models.Model):
    """One clinic: a group clinic (several seats) or a one-to-one slot (one seat)."""

    expert = models.ForeignKey(
        Expert, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("expert")
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("topic")
    )
    title = models.CharField(
        _("title"),
        max_length=150,
        blank=True,
        help_text=_("Optional; the topic is shown if empty."),
    )
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone of the expert"),
        max_length=32,
        choices=TimeZoneChoice.choices,
        default=TimeZoneChoice.WIB,
        help_text=_("The zone the session is run from; every viewer sees their own zone."),
    )
    mode = models.CharField(_("mode"), max_length=10, choices=SessionMode.choices)
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("For sessions in person.")
    )
    meeting_link = models.URLField(
        _("meeting link"),
        blank=True,
        help_text=_("For online sessions; shown only to participants with a confirmed seat."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("seats"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("1 for a one-to-one slot, more for a group clinic."),
    )
    audience = models.CharField(
        _("who may book"), max_length=10, choices=Audience.choices, default=Audience.MASTERY
    )
    cohort = models.ForeignKey(
        "learning.Cohort",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clinic_sessions",
        verbose_name=_("cohort"),
        help_text=_("When only one cohort may book."),
    )
    notice_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"),
        default=12,
        validators=[MaxValueValidator(24 * 14)],
        help_text=_("Booking and cancelling close this many hours before the start."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(
        _("version"),
        default=0,
        help_text=_("Goes up whenever the session changes (calendar files)."),
    )
    confirmed_count = models.PositiveIntegerField(_("seats taken"), default=0, editable=False)
    queue_counter = models.PositiveIntegerField(_("bookings so far"), default=0, editable=False)
    series = models.ForeignKey(
        SessionSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("series of slots"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("clinic session")
        verbose_name_plural = _("clinic sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="coaching_session_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="coaching_session_capacity_positive"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_count__lte=models.F("capacity")),
                name="coaching_session_not_overbooked",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        # In the active zone with its name (the admin's is the viewer's), never bare UTC.
        return f"{self.display_title} · {zoned_text(self.starts_at)}"

    @property
    def display_title(self) -> str:
        return self.title or self.topic.display_name

    @property
    def zoneinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def time_zone_label(self) -> str:
        return TIME_ZONE_LABELS.get(self.time_zone, self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.confirmed_count >= self.capacity

    @property
    def is_one_to_one(self) -> bool:
        return self.capacity == 1

    @property
    def notice_deadline(self):
        return self.starts_at - timezone.timedelta(hours=self.notice_hours)

    def is_past(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    @property
    def has_started(self) -> bool:
        """A session that has begun keeps its bookings: attendance says what happened."""
        return self.starts_at <= timezone.now()

    def booking_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == SessionStatus.SCHEDULED and now < self.notice_deadline


class BookingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.WAITLISTED)


class Attendance(models.TextChoices):
    UNKNOWN = "unknown", _("Not marked")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not show up")


class Booking(models.Model):
    """A participant's seat in a session, or their place on its waitlist.

    ``queue_number`` is handed out under the session's row lock, so it follows the order in
    which booking transactions commit; the waitlist is served in that order.
    """

    session = models.ForeignKey(
        ClinicSession, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("session")
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="clinic_bookings",
        verbose_name=_("participant"),
    )
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    queue_number = models.PositiveIntegerField(_("order of booking"))
    request_key = models.UUIDField(
        _("request key"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Makes a retried request book once."),
    )
    uid = models.UUIDField(_("calendar ID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("version"), default=0)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("promoted from the waitlist at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cancelled by"),
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN
    )
    attendance_marked_at = models.DateTimeField(_("attendance marked at"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("attendance marked by"),
    )

    class Meta:
        ordering = ["session__starts_at", "queue_number"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"],
                condition=Q(status__in=["confirmed", "waitlisted"]),
                name="coaching_one_active_booking_per_session",
            ),
            models.UniqueConstraint(
                fields=["session", "queue_number"], name="coaching_booking_queue_unique"
            ),
        ]
        indexes = [models.Index(fields=["participant", "status"])]

    def __str__(self) -> str:
        return f"{self.participant} · {self.session}"

    @property
    def is_confirmed(self) -> bool:
        return self.status == BookingStatus.CONFIRMED

    @property
    def is_waitlisted(self) -> bool:
        return self.status == BookingStatus.WAITLISTED

    @property
    def is_cancelled(self) -> bool:
        return self.status == BookingStatus.CANCELLED


class SessionNote(models.Model):
    """The expert's note on one participant's session: seen by the expert, the participant and
    the participant's facilitators."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("session note")
        verbose_name_plural = _("session notes")

    def __str__(self) -> str:
        return self.text[:60]


class FollowUp(models.Model):
    """A follow-up task after a clinic; it becomes a remote assignment for the participant."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="follow_ups")
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), max_length=5000)
    due_at = models.DateTimeField(_("due"))
    assignment = models.OneToOneField(
        "learning.Assignment",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinic_follow_up",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("follow-up task")
        verbose_name_plural = _("follow-up tasks")

    def __str__(self) -> str:
        return self.title
