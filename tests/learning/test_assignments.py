"""Assignments: giving them, submitting (uploads checked by content), the review loop,
late and closed rules, and the signals other apps listen to."""

import datetime as dt
import io
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from learning import selectors, services, signals
from learning.models import AssignmentRecipient, Review, Submission, SubmissionFile

pytestmark = pytest.mark.django_db


def jpeg(width=4000, height=3000, name="IMG_2041.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), "#3a7bc8")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make: must not survive re-encoding
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png_bomb(side=100_000) -> SimpleUploadedFile:
    """A tiny PNG that claims to be side × side pixels (tens of gigabytes decoded)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )
    return SimpleUploadedFile("bomb.png", data, content_type="image/png")


def fake_jpeg() -> SimpleUploadedFile:
    return SimpleUploadedFile("photo.jpg", b"just some text, not a photo\n" * 10, "image/jpeg")


class TestGiving:
    def test_whole_cohort_including_later_members(
        self, cohort, member, make_participant, make_assignment
    ):
        assignment = make_assignment(cohort)
        later = make_participant()
        services.enrolment_create(cohort=cohort, participant=later)
        assert set(assignment.recipients.all()) == {member, later}
        assert assignment.whole_cohort

    def test_chosen_participants_only(self, cohort, member, make_participant, make_assignment):
        other = make_participant()
        services.enrolment_create(cohort=cohort, participant=other)
        assignment = make_assignment(cohort, participants=[other])
        assert list(assignment.recipients.all()) == [other]
        assert selectors.assignment_rows(participant=member) == []

    def test_facilitator_of_another_cohort_may_not(self, cohort, other_cohort, make_assignment):
        with pytest.raises(PermissionDenied):
            make_assignment(cohort, created_by=other_cohort.facilitators.get())

    def test_expert_may_assign_chosen_participants(self, expert, member, make_assignment):
        assignment = services.assignment_create(
            created_by=expert,
            title="Follow-up",
            instructions="Draft your loan application.",
            due_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
            participants=[member],
        )
        assert list(assignment.recipients.all()) == [member]

    def test_needs_one_kind_of_answer(self, cohort, make_assignment):
        with pytest.raises(ValidationError):
            make_assignment(cohort, allow_text=False, allow_photos=False, allow_files=False)

    def test_assigned_signal_after_commit(
        self, cohort, member, make_assignment, django_capture_on_commit_callbacks
    ):
        received = []
        signals.assignment_assigned.connect(
            lambda sender, assignment, participants, **kw: received.append(participants),
            weak=False,
            dispatch_uid="test-assigned",
        )
        try:
            with django_capture_on_commit_callbacks(execute=False) as callbacks:
                make_assignment(cohort)
            assert received == []
            for callback in callbacks:
                callback()
            assert received == [[member]]
        finally:
            signals.assignment_assigned.disconnect(dispatch_uid="test-assigned")


class TestUploads:
    def test_real_photo_is_accepted_and_resized(self, cohort, member, make_assignment):
        assignment = make_assignment(cohort)
        submission, rejected = services.submission_create(
            assignment=assignment, participant=member, photos=[jpeg()]
        )
        assert rejected == []
        stored = submission.files.get()
        assert (stored.width, stored.height) == (1600, 1200)
        assert stored.content_type == "image/jpeg"
        assert stored.file.name.endswith(".jpg") and "IMG_2041" not in stored.file.name
        with Image.open(stored.file.path) as image:
            assert image.size == (1600, 1200)
            assert 0x010F not in image.getexif()

    def test_fake_image_is_refused_and_the_text_kept(self, cohort, member, make_assignment):
        assignment = make_assignment(cohort)
        submission, rejected = services.submission_create(
            assignment=assignment, participant=member, text="My answer", photos=[fake_jpeg()]
        )
        assert [r.name for r in rejected] == ["photo.jpg"]
        assert "not a photo" in rejected[0].message
        assert submission.text == "My answer"
        assert not submission.files.exists()

    def test_fake_image_alone_saves_nothing_and_says_why(self, cohort, member, make_assignment):
        assignment = make_assignment(cohort)
        with pytest.raises(ValidationError, match="not a photo"):
            services.submission_create(
                assignment=assignment, participant=member, photos=[fake_jpeg()]
            )
        assert not Submission.objects.exists()

    def test_oversized_file_is_refused(self, settings, cohort, member, make_assignment):
        settings.LEARNING_MAX_UPLOAD_BYTES = 50_000
        assignment = make_assignment(cohort)
        big = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + b"0" * 60_000, "application/pdf")
        submission, rejected = services.submission_create(
            assignment=assignment, participant=member, text="See file", files=[big]
        )
        assert "too big" in rejected[0].message
        assert not submission.files.exists()

    def test_decompression_bomb_is_refused(self, cohort, member, make_assignment):
        assignment = make_assignment(cohort)
        for field in ("photos", "files"):
            _s, rejected = services.submission_create(
                assignment=make_assignment(cohort),
                participant=member,
                text="x",
                **{field: [png_bomb()]},
            )
            assert "too many pixels" in rejected[0].message, field
        assert not SubmissionFile.objects.exists()
        del assignment

    def test_files_are_judged_by_content(self, cohort, member, make_assignment):
        assignment = make_assignment(cohort)
        pdf = SimpleUploadedFile("plan.bin", b"%PDF-1.7\n%%EOF\n", "application/octet-stream")
        exe = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00" + b"\x00" * 100, "application/pdf")
        submission, rejected = services.submission_create(
            assignment=assignment, participant=member, files=[pdf, exe]
        )
        stored = submission.files.get()
        assert stored.content_type == "application/pdf" and stored.file.name.endswith(".pdf")
        assert [r.name for r in rejected] == ["plan.pdf"]

    def test_view_shows_the_message_and_keeps_the_rest(
        self, client, cohort, member, make_assignment
    ):
        assignment = make_assignment(cohort)
        client.force_login(member)
        response = client.post(
            f"/en/learning/assignments/{assignment.pk}/",
            {"text": "Here it is", "photos": [fake_jpeg(), jpeg(800, 600)]},
            follow=True,
        )
        assert response.status_code == 200
        html = response.content.decode()
        assert "is not a photo we can read" in html
        submission = Submission.objects.get()
        assert submission.text == "Here it is" and submission.files.count() == 1

    def test_view_with_only_a_bad_file_is_a_clear_error(
        self, client, cohort, member, make_assignment
    ):
        assignment = make_assignment(cohort)
        client.force_login(member)
        response = client.post(
            f"/en/learning/assignments/{assignment.pk}/", {"photos": [png_bomb()]}
        )
        assert response.status_code == 200
        assert "too many pixels" in response.content.decode()
        assert not Submission.objects.exists()


class TestReviewLoop:
    def test_revise_resubmit_accept_keeps_everything(
        self, cohort, member, facilitator, make_assignment
    ):
        assignment = make_assignment(cohort)
        v1, _ = services.submission_create(assignment=assignment, participant=member, text="v1")
        with pytest.raises(ValidationError):
            services.submission_create(assignment=assignment, participant=member, text="again")
        services.submission_review(
            submission=v1, reviewer=facilitator, decision="revise", feedback="More detail"
        )
        v2, _ = services.submission_create(assignment=assignment, participant=member, text="v2")
        services.submission_review(
            submission=v2, reviewer=facilitator, decision="accept", feedback="Great"
        )
        history = selectors.submission_history(assignment=assignment, participant=member)
        assert [(s.version, s.text, s.status, s.review.feedback) for s in history] == [
            (1, "v1", "revision", "More detail"),
            (2, "v2", "accepted", "Great"),
        ]
        with pytest.raises(ValidationError, match="already accepted"):
            services.submission_create(assignment=assignment, participant=member, text="v3")
        rows = selectors.assignment_rows(participant=member)
        assert rows[0].group == "accepted"

    def test_a_version_is_reviewed_once(self, cohort, member, facilitator, make_assignment):
        assignment = make_assignment(cohort)
        v1, _ = services.submission_create(assignment=assignment, participant=member, text="v1")
        services.submission_review(
            submission=v1, reviewer=facilitator, decision="accept", feedback="ok"
        )
        with pytest.raises(ValidationError):
            services.submission_review(
                submission=v1, reviewer=facilitator, decision="revise", feedback="no"
            )
        assert Review.objects.count() == 1

    def test_review_needs_feedback_and_a_known_decision(
        self, cohort, member, facilitator, make_assignment
    ):
        assignment = make_assignment(cohort)
        v1, _ = services.submission_create(assignment=assignment, participant=member, text="v1")
        for decision, feedback in (("accept", ""), ("maybe", "hm")):
            with pytest.raises(ValidationError):
                services.submission_review(
                    submission=v1, reviewer=facilitator, decision=decision, feedback=feedback
                )

    def test_other_facilitator_cannot_review(self, cohort, other_cohort, member, make_assignment):
        assignment = make_assignment(cohort)
        v1, _ = services.submission_create(assignment=assignment, participant=member, text="v1")
        with pytest.raises(PermissionDenied):
            services.submission_review(
                submission=v1,
                reviewer=other_cohort.facilitators.get(),
                decision="accept",
                feedback="ok",
            )

    def test_queue_is_oldest_first_and_only_mine(
        self, cohort, other_cohort, member, make_participant, facilitator, make_assignment
    ):
        second = make_participant()
        services.enrolment_create(cohort=cohort, participant=second)
        outsider = make_participant()
        services.enrolment_create(cohort=other_cohort, participant=outsider)
        assignment = make_assignment(cohort)
        theirs = make_assignment(other_cohort, created_by=other_cohort.facilitators.get())
        a, _ = services.submission_create(assignment=assignment, participant=second, text="a")
        b, _ = services.submission_create(assignment=assignment, participant=member, text="b")
        services.submission_create(assignment=theirs, participant=outsider, text="c")
        Submission.objects.filter(pk=b.pk).update(
            submitted_at=a.submitted_at - dt.timedelta(hours=1)
        )
        assert list(selectors.review_queue(user=facilitator)) == [b, a]

    def test_signals_for_submit_and_review(
        self, cohort, member, facilitator, make_assignment, django_capture_on_commit_callbacks
    ):
        got = []
        signals.submission_submitted.connect(
            lambda sender, submission, **kw: got.append(("submitted", submission.version)),
            weak=False,
            dispatch_uid="t-sub",
        )
        signals.submission_reviewed.connect(
            lambda sender, review, **kw: got.append(("reviewed", review.decision)),
            weak=False,
            dispatch_uid="t-rev",
        )
        try:
            assignment = make_assignment(cohort)
            with django_capture_on_commit_callbacks(execute=True):
                v1, _ = services.submission_create(
                    assignment=assignment, participant=member, text="1"
                )
            with django_capture_on_commit_callbacks(execute=True):
                services.submission_review(
                    submission=v1, reviewer=facilitator, decision="revise", feedback="more"
                )
            assert got == [("submitted", 1), ("reviewed", "revise")]
        finally:
            signals.submission_submitted.disconnect(dispatch_uid="t-sub")
            signals.submission_reviewed.disconnect(dispatch_uid="t-rev")


class TestLateAndClosed:
    def test_overdue_is_submittable_and_marked_late(self, cohort, member, make_assignment):
        assignment = make_assignment(cohort, due_in=-dt.timedelta(hours=1))
        assert selectors.assignment_rows(participant=member)[0].group == "overdue"
        submission, _ = services.submission_create(
            assignment=assignment, participant=member, text="x"
        )
        assert submission.is_late

    def test_closed_takes_nothing(self, cohort, member, facilitator, make_assignment):
        assignment = make_assignment(cohort, due_in=-dt.timedelta(hours=1))
        services.assignment_set_closed(assignment=assignment, by=facilitator, closed=True)
        with pytest.raises(ValidationError, match="closed"):
            services.submission_create(assignment=assignment, participant=member, text="x")
        row = selectors.assignment_rows(participant=member)[0]
        assert not row.can_submit and row.group == "closed"

    def test_groups(self, cohort, member, facilitator, make_assignment):
        make_assignment(cohort, title="later", due_in=dt.timedelta(days=5))
        make_assignment(cohort, title="soon", due_in=dt.timedelta(hours=5))
        make_assignment(cohort, title="late", due_in=-dt.timedelta(hours=5))
        groups = {
            r.assignment.title: r.group for r in selectors.assignment_rows(participant=member)
        }
        assert groups == {"later": "to_do", "soon": "due_soon", "late": "overdue"}

    def test_not_a_recipient(self, cohort, make_participant, make_assignment):
        assignment = make_assignment(cohort)
        stranger = make_participant()
        with pytest.raises(PermissionDenied):
            services.submission_create(assignment=assignment, participant=stranger, text="x")
        assert not AssignmentRecipient.objects.filter(participant=stranger).exists()
