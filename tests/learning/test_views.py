"""The facilitator's forms and the admin: giving assignments, opening a stage early, closing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Assignment, Cohort, StageOpening

pytestmark = pytest.mark.django_db


def test_give_assignment_to_whole_cohort_in_local_time(
    client, cohort, member, facilitator, programme
):
    facilitator.time_zone = "Asia/Jakarta"
    facilitator.save()
    client.force_login(facilitator)
    response = client.post(
        f"/en/learning/cohorts/{cohort.pk}/assignments/new/",
        {
            "title": "Business photo",
            "instructions": "Take a photo.",
            "lesson": programme["lessons"]["internalisation"][0].pk,
            "due_date": "2026-12-01",
            "due_time": "17:00",
            "allow_text": "on",
            "allow_photos": "on",
        },
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.due_at == dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    assert assignment.whole_cohort and not assignment.allow_files
    assert list(assignment.recipients.all()) == [member]


def test_give_assignment_to_chosen_people_and_refuse_nothing_allowed(
    client, cohort, member, make_participant, facilitator
):
    other = make_participant()
    services.enrolment_create(cohort=cohort, participant=other)
    client.force_login(facilitator)
    url = f"/en/learning/cohorts/{cohort.pk}/assignments/new/"
    data = {"title": "T", "instructions": "I", "due_date": "2026-12-01", "due_time": "17:00"}
    response = client.post(url, data)
    assert "Allow at least one kind of answer" in response.content.decode()
    client.post(url, {**data, "allow_text": "on", "participants": [str(other.pk)]})
    assert list(Assignment.objects.get().recipients.all()) == [other]


def test_open_stage_early_from_the_participant_page(client, cohort, member, facilitator, programme):
    client.force_login(facilitator)
    url = f"/en/learning/cohorts/{cohort.pk}/participants/{member.pk}/"
    response = client.post(url, {"stage": programme["orientation"].pk, "reason": ""})
    assert response.status_code == 200 and not StageOpening.objects.exists()
    response = client.post(
        url, {"stage": programme["orientation"].pk, "reason": "Came to last year's workshop"}
    )
    assert response.status_code == 302
    html = client.get(url).content.decode()
    assert "Came to last year&#x27;s workshop" in html


def test_close_and_reopen(client, cohort, member, facilitator, make_assignment):
    assignment = make_assignment(cohort)
    client.force_login(facilitator)
    client.post(f"/en/learning/assignments/{assignment.pk}/close/", {"closed": "1"})
    assignment.refresh_from_db()
    assert assignment.closed
    client.force_login(member)
    html = client.get(f"/en/learning/assignments/{assignment.pk}/").content.decode()
    assert "This assignment is closed." in html and 'type="file"' not in html
    response = client.post(f"/en/learning/assignments/{assignment.pk}/", {"text": "late"})
    assert response.status_code == 302
    assert not assignment.submissions.exists()


def test_submission_file_headers(client, cohort, member, make_assignment):
    from django.core.files.uploadedfile import SimpleUploadedFile

    assignment = make_assignment(cohort)
    submission, _ = services.submission_create(
        assignment=assignment,
        participant=member,
        files=[SimpleUploadedFile("x.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    client.force_login(member)
    response = client.get(f"/en/learning/files/{submission.files.get().pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_manager_creates_a_cohort_in_the_admin(client, manager, facilitator):
    client.force_login(manager)
    response = client.post(
        reverse("cohort:add"),
        {
            "name": "Kelompok Baru",
            "district": "wonosobo",
            "start_date": "2026-02-01",
            "facilitators": [facilitator.pk],
            "join_code": "baru26",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    cohort = Cohort.objects.get()
    assert cohort.join_code == "BARU26" and list(cohort.facilitators.all()) == [facilitator]
    assert client.get(reverse("submission:index")).status_code == 200
    assert client.get(reverse("workshopsession:index")).status_code == 200


def test_inactive_participants_and_counts_by_sex(
    client, cohort, member, make_participant, facilitator
):
    quiet = make_participant(name="Quiet One", sex="male")
    services.enrolment_create(cohort=cohort, participant=quiet)
    from learning.models import LearnerState

    LearnerState.objects.create(participant=member, last_active_at=timezone.now())
    client.force_login(facilitator)
    dashboard = client.get(f"/en/learning/cohorts/{cohort.pk}/").context["dashboard"]
    assert [p.name for p in dashboard.inactive] == ["Quiet One"]
    assert dashboard.by_sex == {"female": 1, "male": 1}


def test_participant_page_lists_their_work(client, cohort, member, facilitator, make_assignment):
    assignment = make_assignment(cohort, title="Photo of the stall")
    submission, _ = services.submission_create(assignment=assignment, participant=member, text="x")
    client.force_login(facilitator)
    html = client.get(
        f"/en/learning/cohorts/{cohort.pk}/participants/{member.pk}/"
    ).content.decode()
    assert "Photo of the stall" in html and f"/en/learning/reviews/{submission.pk}/" in html
