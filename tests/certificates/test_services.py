"""Criteria met and not met, issuing from learning's and coaching's own actions (after commit),
revoking and reissuing, and the participant's notice."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from certificates import selectors, services
from certificates.models import Certificate, CertificateType
from certificates.notices import ISSUED
from learning import services as learning
from learning.models import Review
from notifications.models import Notification
from tests.certificates.conftest import complete

pytestmark = pytest.mark.django_db


def test_not_met_until_every_required_stage_is_complete(programme, member, basic_type):
    complete(programme, member, "internalisation")
    verdict = selectors.criteria_check(participant=member, certificate_type=basic_type)
    assert not verdict.met
    assert verdict.missing == ["stage:orientation"]
    assert services.certificate_issue_if_earned(participant=member) == []
    assert not Certificate.objects.exists()


def test_completing_the_last_lesson_issues_once_and_tells_the_participant(
    programme, member, basic_type, django_capture_on_commit_callbacks
):
    complete(programme, member, "internalisation")
    *first, last = programme["lessons"]["orientation"]
    for lesson in first:
        learning.lesson_mark_done(participant=member, lesson=lesson)
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        learning.lesson_mark_done(participant=member, lesson=last)
    certificate = Certificate.objects.get(participant=member)
    assert certificate.certificate_type == basic_type
    assert certificate.is_valid
    assert certificate.name == member.name
    assert certificate.stages == ["Internalisation", "Orientation"]
    notice = Notification.objects.get(recipient=member, kind=ISSUED)
    assert notice.url.endswith(f"/certificates/{certificate.pk}/")
    # More triggers (a lesson marked done again, a later check) issue nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        learning.lesson_mark_done(participant=member, lesson=last)
    assert services.certificate_issue_if_earned(participant=member) == []
    assert Certificate.objects.filter(participant=member).count() == 1


def test_workshop_days_must_all_be_attended(
    programme, member, cohort, facilitator, basic_type, django_capture_on_commit_callbacks
):
    basic_type.all_workshops_attended = True
    basic_type.save()
    start = timezone.now() - dt.timedelta(days=3)
    days = [
        learning.session_create(
            cohort=cohort, created_by=facilitator, title=f"Hari {n}", starts_at=start
        )
        for n in (1, 2)
    ]
    complete(programme, member, "internalisation", "orientation")
    learning.attendance_mark(
        session=days[0], participant=member, present=True, marked_by=facilitator
    )
    verdict = selectors.criteria_check(participant=member, certificate_type=basic_type)
    assert verdict.missing == ["workshops"]
    with django_capture_on_commit_callbacks(execute=True):
        learning.attendance_mark(
            session=days[1], participant=member, present=True, marked_by=facilitator
        )
    assert Certificate.objects.filter(participant=member).count() == 1


def test_mastery_needs_an_accepted_assignment_and_an_attended_clinic(
    programme, member, cohort, facilitator, make_assignment, django_capture_on_commit_callbacks
):
    from coaching.models import Attendance as ClinicAttendance

    mastery = CertificateType.objects.create(
        name="Sertifikat Mastery",
        programme=programme["programme"],
        needs_accepted_assignment=True,
        needs_clinic_attended=True,
    )
    mastery.stages.set([programme["internalisation"]])
    complete(programme, member, "internalisation")
    assert selectors.criteria_check(participant=member, certificate_type=mastery).missing == [
        "assignment",
        "clinic",
    ]
    assignment = make_assignment(cohort)
    submission, _files = learning.submission_create(
        assignment=assignment, participant=member, text="Ini"
    )
    with django_capture_on_commit_callbacks(execute=True):
        learning.submission_review(
            submission=submission,
            reviewer=facilitator,
            decision=Review.Decision.ACCEPT,
            feedback="Bagus",
        )
    assert selectors.criteria_check(participant=member, certificate_type=mastery).missing == [
        "clinic"
    ]
    assert not Certificate.objects.exists()
    booking = _attended_clinic_booking(member)
    with django_capture_on_commit_callbacks(execute=True):
        booking.attendance = ClinicAttendance.ATTENDED
        booking.save(update_fields=["attendance"])
    assert Certificate.objects.get(participant=member).certificate_type == mastery


def _attended_clinic_booking(participant):
    from coaching.models import Booking, BookingStatus, ClinicSession, Expert, Topic
    from tests.conftest import _make_user

    expert_user = _make_user("experts", "081322220009", name="Eka Expert")
    expert = Expert.objects.create(user=expert_user, organisation="Bank")
    topic = Topic.objects.create(name="Modal", slug="modal")
    start = timezone.now() - dt.timedelta(days=1)
    session = ClinicSession.objects.create(
        expert=expert,
        topic=topic,
        title="Klinik modal",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=5,
        created_by=expert_user,
    )
    return Booking.objects.create(
        session=session, participant=participant, status=BookingStatus.CONFIRMED, queue_number=1
    )


def test_inactive_types_and_staff_are_never_issued(programme, member, facilitator, basic_type):
    basic_type.active = False
    basic_type.save()
    complete(programme, member, "internalisation", "orientation")
    assert services.certificate_issue_if_earned(participant=member) == []
    basic_type.active = True
    basic_type.save()
    assert services.certificate_issue_if_earned(participant=facilitator) == []


def test_revoke_needs_a_manager_and_a_reason_then_reissue_is_recorded(
    programme, member, manager, facilitator, basic_type
):
    complete(programme, member, "internalisation", "orientation")
    [certificate] = services.certificate_issue_if_earned(participant=member)
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(certificate=certificate, by=facilitator, reason="Salah")
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, by=manager, reason="  ")
    revoked = services.certificate_revoke(certificate=certificate, by=manager, reason="Data keliru")
    assert revoked.revoked_at is not None
    assert revoked.revoked_by == manager
    assert revoked.revoke_reason == "Data keliru"
    # Revoked stays revoked: the automatic check does not hand it back.
    assert services.certificate_issue_if_earned(participant=member) == []
    new = services.certificate_reissue(certificate=revoked, by=manager)
    assert new.reissue_of == revoked
    assert new.issued_by == manager
    assert new.code != revoked.code
    assert new.is_valid
    with pytest.raises(ValidationError):
        services.certificate_reissue(certificate=revoked, by=manager)
    assert Certificate.objects.filter(participant=member).count() == 2


def test_a_type_without_any_criterion_is_never_earned(programme, member):
    empty = CertificateType.objects.create(name="Kosong", programme=programme["programme"])
    verdict = selectors.criteria_check(participant=member, certificate_type=empty)
    assert not verdict.met
    assert services.certificate_issue_if_earned(participant=member) == []
