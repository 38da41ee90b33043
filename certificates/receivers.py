"""Issue certificates when something that can complete their criteria is committed: a lesson
done, a workshop attendance, an accepted submission, an attended clinic.

Learning and coaching do not know certificates exist: we listen to their model saves and
their signals, and act after commit, so a certificate is only issued on rows that are in the
database. A failure here is logged and never undoes (or breaks) what the person did.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from coaching.models import Attendance as ClinicAttendance
from coaching.models import Booking
from learning import signals as learning_signals
from learning.models import Attendance, LessonCompletion, Review

logger = logging.getLogger(__name__)


def _check_later(participant_id: int) -> None:
    def run() -> None:
        from certificates.services import certificate_issue_if_earned
        from cms.models import User

        try:
            participant = User.objects.filter(pk=participant_id).first()
            if participant is not None:
                certificate_issue_if_earned(participant=participant)
        except Exception:
            logger.exception("certificate check failed for participant %s", participant_id)

    transaction.on_commit(run)


@receiver(post_save, sender=LessonCompletion, dispatch_uid="certificates-lesson-done")
def on_lesson_done(sender, instance: LessonCompletion, created: bool, **kwargs) -> None:
    if created:
        _check_later(instance.participant_id)


@receiver(post_save, sender=Attendance, dispatch_uid="certificates-workshop-attendance")
def on_workshop_attendance(sender, instance: Attendance, **kwargs) -> None:
    if instance.present:
        _check_later(instance.participant_id)


@receiver(post_save, sender=Booking, dispatch_uid="certificates-clinic-attendance")
def on_clinic_attendance(sender, instance: Booking, **kwargs) -> None:
    if instance.attendance == ClinicAttendance.ATTENDED:
        _check_later(instance.participant_id)


@receiver(learning_signals.submission_reviewed, dispatch_uid="certificates-submission-reviewed")
def on_submission_reviewed(sender, review: Review, **kwargs) -> None:
    if review.decision == Review.Decision.ACCEPT:
        _check_later(review.submission.participant_id)
