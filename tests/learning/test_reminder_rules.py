"""Learning's reminder rules (learning/notices.py): a new assignment, due in 24 hours until
submitted, feedback at once, and the facilitators' daily digest at 08:00 in their zone."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from learning import notices as learning_rules
from learning import services as learning
from notifications import digests, services
from notifications.models import Notification, Reminder, ReminderStatus

pytestmark = pytest.mark.django_db


def _reminders(**filters):
    return Reminder.objects.filter(status=ReminderStatus.SCHEDULED, **filters)


def test_an_assignment_tells_and_reminds_until_submitted(
    cohort, member, facilitator, django_capture_on_commit_callbacks
):
    due = timezone.now() + dt.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        assignment = learning.assignment_create(
            created_by=facilitator,
            title="Foto usaha",
            instructions="Kirim.",
            due_at=due,
            cohort=cohort,
        )
    [told] = Notification.objects.filter(recipient=member, kind=learning_rules.ASSIGNED)
    assert told.title == "Tugas baru: Foto usaha"
    assert told.url == f"/id/learning/assignments/{assignment.pk}/"
    [reminder] = _reminders(recipient=member)
    assert reminder.scheduled_for == due - dt.timedelta(hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        learning.submission_create(assignment=assignment, participant=member, text="Ini fotonya")
    assert not _reminders(recipient=member).exists()


def test_feedback_is_told_at_once(cohort, member, facilitator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assignment = learning.assignment_create(
            created_by=facilitator,
            title="CV",
            instructions="Tulis CV.",
            due_at=timezone.now() + dt.timedelta(days=3),
            cohort=cohort,
        )
        submission, _rejected = learning.submission_create(
            assignment=assignment, participant=member, text="CV saya"
        )
    with django_capture_on_commit_callbacks(execute=True):
        learning.submission_review(
            submission=submission, reviewer=facilitator, decision="revise", feedback="Tambah foto"
        )
    [told] = Notification.objects.filter(recipient=member, kind=learning_rules.FEEDBACK)
    assert told.title == "Masukan untuk CV"
    assert told.body == "Silakan perbaiki dan kirim lagi."


def test_the_daily_digest_at_8_only_when_something_waits(
    cohort, member, facilitator, django_capture_on_commit_callbacks
):
    wita = zoneinfo.ZoneInfo(facilitator.time_zone)
    today = timezone.now().astimezone(wita).date()
    eight = dt.datetime.combine(today, dt.time(8, 0), tzinfo=wita)
    # Nothing to review: no digest.
    assert digests.digests_schedule(now=eight + dt.timedelta(minutes=5)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assignment = learning.assignment_create(
            created_by=facilitator,
            title="CV",
            instructions="Tulis CV.",
            due_at=timezone.now() + dt.timedelta(days=3),
            cohort=cohort,
        )
        learning.submission_create(assignment=assignment, participant=member, text="CV")
    # Before 08:00 local: not yet.
    assert digests.digests_schedule(now=eight - dt.timedelta(minutes=10)) == 0
    assert digests.digests_schedule(now=eight + dt.timedelta(minutes=5)) == 1
    assert digests.digests_schedule(now=eight + dt.timedelta(minutes=20)) == 1  # idempotent
    [digest] = Reminder.objects.filter(recipient=facilitator, kind=learning_rules.REVIEW_DIGEST)
    assert digest.scheduled_for == eight
    services.reminders_process_due(now=eight + dt.timedelta(minutes=21))
    [told] = Notification.objects.filter(recipient=facilitator, kind=learning_rules.REVIEW_DIGEST)
    assert told.url == "/id/learning/reviews/"
    assert told.body.startswith("1 ")
    # The member is not a facilitator: nothing for them.
    assert not Reminder.objects.filter(recipient=member, kind=learning_rules.REVIEW_DIGEST)
