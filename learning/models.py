"""What a learner does: cohorts and enrolment, progress, reflections, workshop attendance,
assignments with their submissions and reviews.

Content lives in Wagtail pages; the rows here point at pages. Lessons and stages exist once per
language (translations are separate pages sharing a ``translation_key``), so progress is kept
against the translation key: a lesson done in English is done in Bahasa Indonesia too.
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import DistrictField
from cms.validators import validate_sensible_date

# No 0/O/1/I/L: join codes are read aloud and typed on phones.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


# Work done offline waits in the phone's outbox and may be sent more than once; the id the phone
# made for it is kept under a unique constraint with the person, so a replay applies once.
OUTBOX_HELP = _("The id the phone gave this action, so that sending it again changes nothing.")


def new_join_code(length: int = 6) -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _i in range(length))


class Cohort(models.Model):
    """A group of participants run by one or more facilitators in one district."""

    name = models.CharField(_("name"), max_length=120)
    district = DistrictField(_("district"))
    start_date = models.DateField(_("start date"), validators=[validate_sensible_date])
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_cohorts",
        verbose_name=_("facilitators"),
        help_text=_("Co-facilitation is the norm: add everyone who runs this cohort."),
    )
    join_code = models.CharField(
        _("join code"),
        max_length=12,
        unique=True,
        default=new_join_code,
        help_text=_("Participants type this code at sign-up or later to join the cohort."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.join_code = (self.join_code or "").strip().upper() or new_join_code()
        super().save(*args, **kwargs)


class Enrolment(models.Model):
    """A participant's membership of a cohort."""

    class Via(models.TextChoices):
        CODE = "code", _("Join code")
        FACILITATOR = "facilitator", _("Enrolled by a facilitator")
        IMPORT = "import", _("Imported from a file")
        INVITATION = "invitation", _("Accepted an invitation")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("cohort")
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("participant"),
    )
    via = models.CharField(_("how"), max_length=12, choices=Via.choices, default=Via.CODE)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("enrolled by"),
    )
    created_at = models.DateTimeField(_("enrolled at"), default=timezone.now)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "participant"], name="learning_enrolment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.cohort}"


class CohortInvitation(models.Model):
    """A facilitator's invitation to an existing account to join a cohort.

    Joining needs the person's consent: enrolling someone who already has an account only
    sends this, shown in their inbox; they accept (and are enrolled) or decline. A pending
    invitation past ``expires_at`` counts as expired.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Invited, not yet joined")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("cohort")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="cohort_invitations",
        verbose_name=_("person"),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    responded_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # How the person was brought in: kept for the enrolment made when they accept.
    via = models.CharField(
        _("how"), max_length=12, choices=Enrolment.Via.choices, default=Enrolment.Via.INVITATION
    )
    # For an account without a password: a one-time link and a short code to type, sent to the
    # person, stored only as keyed hashes (see learning.services.invitation_links). A resend
    # replaces both; using either once uses them up.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    code_hash = models.CharField(max_length=64, blank=True, editable=False)
    code_tries = models.PositiveSmallIntegerField(default=0, editable=False)
    token_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    sends = models.PositiveSmallIntegerField(_("messages sent"), default=0)
    last_sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("cohort invitation")
        verbose_name_plural = _("cohort invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "person"],
                condition=Q(status="pending"),
                name="learning_invitation_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.cohort}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


class LearnerState(models.Model):
    """Per participant: the last lesson opened ("continue where you left off") and activity."""

    participant = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="learner_state"
    )
    last_lesson = models.ForeignKey(
        "cms.LessonPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_active_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("learner state")

    def __str__(self) -> str:
        return str(self.participant)


class LessonCompletion(models.Model):
    """A lesson marked as done. One per participant and lesson (in any language)."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(
        "cms.LessonPage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lesson_key = models.UUIDField(help_text=_("The lesson's translation key."))
    completed_at = models.DateTimeField(default=timezone.now)
    client_id = models.UUIDField(null=True, blank=True, editable=False, help_text=OUTBOX_HELP)

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "lesson_key"], name="learning_completion_unique"
            ),
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="learning_completion_client_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.lesson_key}"


class StageOpening(models.Model):
    """A facilitator opened a stage early for one participant, and why."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stage_openings",
        verbose_name=_("participant"),
    )
    stage = models.ForeignKey(
        "cms.StagePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    stage_key = models.UUIDField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)

    class Meta:
        verbose_name = _("early stage opening")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "stage_key"], name="learning_stage_opening_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.stage}"


class Reflection(models.Model):
    """A participant's answer to one reflection question of a lesson (private to them and
    their cohort's facilitators). ``position`` is the question's place among the lesson's
    reflection blocks, which is the same in every language."""

    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(
        "cms.LessonPage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lesson_key = models.UUIDField()
    position = models.PositiveSmallIntegerField(default=0)
    question = models.TextField(blank=True)
    answer = models.TextField(_("answer"), max_length=4000)
    updated_at = models.DateTimeField(default=timezone.now)
    client_id = models.UUIDField(null=True, blank=True, editable=False, help_text=OUTBOX_HELP)

    class Meta:
        verbose_name = _("reflection")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "lesson_key", "position"],
                name="learning_reflection_unique",
            ),
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="learning_reflection_client_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.lesson_key} #{self.position}"


class WorkshopSession(models.Model):
    """An in-person session of a cohort (e.g. day 1 of the Orientation workshop). Attendance
    at every session of a stage is part of completing that stage."""

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("cohort")
    )
    stage = models.ForeignKey(
        "cms.StagePage",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("stage"),
        help_text=_("The stage this session belongs to (usually Orientation)."),
    )
    stage_key = models.UUIDField(editable=False, null=True)
    title = models.CharField(_("title"), max_length=120)
    starts_at = models.DateTimeField(_("starts at"), validators=[validate_sensible_date])
    ends_at = models.DateTimeField(
        _("ends at"), null=True, blank=True, validators=[validate_sensible_date]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("workshop session")
        verbose_name_plural = _("workshop sessions")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.title}"

    def save(self, *args, **kwargs):
        if self.stage_id and self.stage_key is None:
            self.stage_key = self.stage.translation_key
        super().save(*args, **kwargs)


class Attendance(models.Model):
    """The current mark of one participant at one session; changes are kept in
    :class:`AttendanceChange`."""

    session = models.ForeignKey(
        WorkshopSession, on_delete=models.CASCADE, related_name="attendances"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"))
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="learning_attendance_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.session} · {self.present}"


class AttendanceChange(models.Model):
    """Who set which mark when: the register's history."""

    attendance = models.ForeignKey(Attendance, on_delete=models.CASCADE, related_name="changes")
    present = models.BooleanField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    client_id = models.UUIDField(null=True, blank=True, editable=False, help_text=OUTBOX_HELP)

    class Meta:
        # Inserts happen under the attendance row's lock; a tap sent late from the outbox
        # carries the time it was made, so the history is read in order of time.
        ordering = ["changed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["changed_by", "client_id"], name="learning_attendance_change_client_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendance_id} → {self.present}"


class Assignment(models.Model):
    """A remote task for a whole cohort or chosen participants."""

    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"))
    lesson = models.ForeignKey(
        "cms.LessonPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lesson"),
        help_text=_("Optional: the lesson this assignment practises."),
    )
    due_at = models.DateTimeField(_("due"), validators=[validate_sensible_date])
    allow_text = models.BooleanField(_("text allowed"), default=True)
    allow_photos = models.BooleanField(_("photos allowed"), default=True)
    allow_files = models.BooleanField(_("files allowed"), default=True)
    closed = models.BooleanField(
        _("closed"),
        default=False,
        help_text=_("A closed assignment accepts no more submissions, not even late ones."),
    )
    cohort = models.ForeignKey(
        Cohort,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("cohort"),
    )
    whole_cohort = models.BooleanField(
        default=False, help_text=_("Participants who join the cohort later get it too.")
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="AssignmentRecipient",
        related_name="assignments",
        verbose_name=_("participants"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assignments_created",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(allow_text=True) | Q(allow_photos=True) | Q(allow_files=True),
                name="learning_assignment_allows_something",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return timezone.now() > self.due_at


class AssignmentRecipient(models.Model):
    """One participant's copy of an assignment; its row is locked while they submit so
    version numbers never collide."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="recipient_rows"
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment_rows"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "participant"], name="learning_recipient_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.participant}"


class Submission(models.Model):
    """One version of a participant's work on an assignment. Versions are never changed:
    a revision is a new row with the next version number."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        REVISION = "revision", _("Needs revision")
        ACCEPTED = "accepted", _("Accepted")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="submissions")
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    version = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(_("your answer"), blank=True, max_length=10000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    is_late = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    client_id = models.UUIDField(null=True, blank=True, editable=False, help_text=OUTBOX_HELP)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["assignment", "participant", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "participant", "version"],
                name="learning_submission_version_unique",
            ),
            models.UniqueConstraint(
                fields=["participant", "client_id"], name="learning_submission_client_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.participant} · v{self.version}"


def submission_upload_to(instance: "SubmissionFile", filename: str) -> str:
    # A random name: the participant's file name never reaches the disk.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"submissions/{instance.submission.assignment_id}/{uuid.uuid4().hex}.{extension}"


class SubmissionFile(models.Model):
    """A photo (re-encoded on the server) or a file attached to a submission."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        FILE = "file", _("File")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    file = models.FileField(upload_to=submission_upload_to, max_length=200)
    preview = models.FileField(
        upload_to=submission_upload_to,
        max_length=200,
        blank=True,
        help_text=_("A small copy of a photo (480 px) shown in lists; the full photo on a tap."),
    )
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name or self.file.name


class Review(models.Model):
    """Feedback on one submission version, with the decision. One per version."""

    class Decision(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        REVISE = "revise", _("Ask for a revision")

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="review")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=6, choices=Decision.choices)
    feedback = models.TextField(_("feedback"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.submission} · {self.decision}"


class CohortMessage(models.Model):
    """A facilitator's message to everyone in a cohort (inbox and push; marked important, also
    the person's own channel). A few a day per cohort at most (``learning.services``)."""

    MAX_LENGTH = 500

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="messages", verbose_name=_("cohort")
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    text = models.TextField(_("message"), max_length=MAX_LENGTH)
    important = models.BooleanField(_("important"), default=False)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("cohort message")
        verbose_name_plural = _("cohort messages")
        indexes = [models.Index(fields=["cohort", "-created_at"], name="cohort_message_day_idx")]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.created_at:%Y-%m-%d %H:%M}"
