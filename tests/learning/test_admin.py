"""The Wagtail admin goes through the learning services: it cannot enrol someone without
their cohort's assignments, change a submission's status without a review, or add an
assignment that reaches nobody."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services, signals
from learning.models import (
    Assignment,
    AssignmentRecipient,
    Enrolment,
    Review,
    StageOpening,
    Submission,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def submission(cohort, member, make_assignment):
    submission, _ = services.submission_create(
        assignment=make_assignment(cohort), participant=member, text="Rencana usaha saya."
    )
    return submission


def _due(days=5) -> str:
    return (timezone.localtime() + dt.timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


class TestEnrolments:
    def test_adding_in_the_admin_is_refused_and_saves_nothing(
        self, admin_client, cohort, make_participant
    ):
        newcomer = make_participant(name="Belum Ikut")
        assert admin_client.get(reverse("enrolment:add")).status_code == 302
        response = admin_client.post(
            reverse("enrolment:add"),
            {"cohort": cohort.pk, "participant": newcomer.pk, "via": "code"},
        )
        assert response.status_code == 302
        assert not Enrolment.objects.filter(participant=newcomer).exists()

    def test_enrolments_can_be_listed_and_inspected_not_changed(
        self, admin_client, cohort, other_cohort, member
    ):
        enrolment = Enrolment.objects.get(participant=member)
        assert admin_client.get(reverse("enrolment:index")).status_code == 200
        inspect = admin_client.get(reverse("enrolment:inspect", args=[enrolment.pk]))
        assert inspect.status_code == 200 and member.name in inspect.content.decode()
        admin_client.post(
            reverse("enrolment:edit", args=[enrolment.pk]),
            {"cohort": other_cohort.pk, "participant": member.pk, "via": "import"},
        )
        admin_client.post(reverse("enrolment:delete", args=[enrolment.pk]))
        enrolment.refresh_from_db()
        assert (enrolment.cohort_id, enrolment.via) == (cohort.pk, "code")


class TestSubmissions:
    def test_status_cannot_be_changed_without_a_review(self, admin_client, submission):
        admin_client.post(reverse("submission:edit", args=[submission.pk]), {"status": "accepted"})
        submission.refresh_from_db()
        assert submission.status == Submission.Status.SUBMITTED
        assert not Review.objects.exists()
        admin_client.post(reverse("submission:delete", args=[submission.pk]))
        assert Submission.objects.filter(pk=submission.pk).exists()

    def test_submissions_can_be_inspected(self, admin_client, submission):
        assert admin_client.get(reverse("submission:index")).status_code == 200
        inspect = admin_client.get(reverse("submission:inspect", args=[submission.pk]))
        assert inspect.status_code == 200
        assert b'href="' + reverse("submission:edit", args=[submission.pk]).encode() not in (
            inspect.content
        )


class TestAssignments:
    def test_added_assignment_reaches_the_whole_cohort_and_tells_them(
        self,
        admin_client,
        manager,
        cohort,
        member,
        make_participant,
        django_capture_on_commit_callbacks,
    ):
        second = make_participant(name="Peserta Dua")
        services.enrolment_create(cohort=cohort, participant=second)
        told = []

        def receiver(sender, assignment, participants, **kwargs):
            told.append((assignment.title, sorted(p.pk for p in participants)))

        signals.assignment_assigned.connect(receiver)
        try:
            with django_capture_on_commit_callbacks(execute=True):
                response = admin_client.post(
                    reverse("assignment:add"),
                    {
                        "cohort": cohort.pk,
                        "title": "Foto tempat usaha",
                        "instructions": "Kirim satu foto.",
                        "due_at": _due(),
                        "allow_photos": "on",
                    },
                )
        finally:
            signals.assignment_assigned.disconnect(receiver)
        assert response.status_code == 302, response.content.decode()[:2000]
        assignment = Assignment.objects.get(title="Foto tempat usaha")
        assert assignment.cohort_id == cohort.pk and assignment.whole_cohort
        assert assignment.created_by == manager
        assert set(
            AssignmentRecipient.objects.filter(assignment=assignment).values_list(
                "participant_id", flat=True
            )
        ) == {member.pk, second.pk}
        assert told == [("Foto tempat usaha", sorted([member.pk, second.pk]))]

    @pytest.mark.parametrize(
        ("data", "field"),
        [
            ({"title": "Tanpa kelompok", "allow_text": "on"}, "cohort"),
            ({"title": "Tanpa jawaban"}, "__all__"),
        ],
    )
    def test_an_assignment_that_reaches_nobody_or_takes_no_answer_is_refused(
        self, admin_client, cohort, member, data, field
    ):
        if "Tanpa kelompok" not in data["title"]:
            data = {**data, "cohort": cohort.pk}
        response = admin_client.post(
            reverse("assignment:add"), {"instructions": "Kirim.", "due_at": _due(), **data}
        )
        assert response.status_code == 200
        assert list(response.context["form"].errors) == [field]
        assert not Assignment.objects.exists()

    def test_editing_keeps_the_recipients_and_cannot_delete(
        self, admin_client, cohort, member, make_assignment
    ):
        assignment = make_assignment(cohort)
        response = admin_client.post(
            reverse("assignment:edit", args=[assignment.pk]),
            {
                "title": "Foto baru",
                "instructions": "Kirim foto.",
                "due_at": _due(7),
                "allow_text": "on",
                "closed": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assignment.refresh_from_db()
        assert (assignment.title, assignment.closed) == ("Foto baru", True)
        recipients = assignment.recipient_rows.values_list("participant_id", flat=True)
        assert list(recipients) == [member.pk]
        admin_client.post(reverse("assignment:delete", args=[assignment.pk]))
        assert Assignment.objects.filter(pk=assignment.pk).exists()


def test_early_openings_are_made_from_the_participants_page_not_added_here(admin_client, manager):
    assert admin_client.get(reverse("stageopening:add")).status_code == 302
    admin_client.post(reverse("stageopening:add"), {"reason": "Sudah siap"})
    assert not StageOpening.objects.exists()
