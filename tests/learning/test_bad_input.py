"""Bad input gets a clear message (or a 404 for what does not exist), never a 500."""

import pytest

from learning import services
from learning.models import Reflection, Submission

pytestmark = pytest.mark.django_db


def test_participant_side(client, programme, member, cohort, make_assignment):
    lesson = programme["lessons"]["internalisation"][0]
    assignment = make_assignment(cohort)
    client.force_login(member)
    assert client.post("/en/learning/lessons/999999/done/").status_code == 404
    assert client.get(f"/en/learning/lessons/{lesson.pk}/done/").status_code == 405
    for data in ({"position": "abc", "answer": "x"}, {"position": "7", "answer": "x"}, {}):
        response = client.post(f"/en/learning/lessons/{lesson.pk}/reflection/", data, follow=True)
        assert response.status_code == 200
        assert "Write your answer before saving." in response.content.decode()
    assert not Reflection.objects.exists()
    response = client.post(f"/en/learning/assignments/{assignment.pk}/", {"text": "x" * 10001})
    assert response.status_code == 200
    assert "Ensure this value has at most 10000 characters" in response.content.decode()
    response = client.post(f"/en/learning/assignments/{assignment.pk}/", {"text": "  "})
    assert "Write an answer or add a photo or file" in response.content.decode()
    assert not Submission.objects.exists()
    assert client.post("/en/learning/join/", {"code": ""}).status_code == 200


def test_facilitator_side(client, programme, member, cohort, facilitator, make_assignment):
    client.force_login(facilitator)
    c = cohort.pk
    response = client.post(f"/en/learning/cohorts/{c}/import/", {})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(
        f"/en/learning/cohorts/{c}/sessions/new/", {"title": "x", "date": "31/02/2026"}
    )
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    response = client.post(f"/en/learning/cohorts/{c}/enrol/", {"mobile": "12"})
    assert response.status_code == 200
    response = client.post(
        f"/en/learning/cohorts/{c}/participants/{member.pk}/",
        {"stage": "999999", "reason": "x"},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assignment = make_assignment(cohort)
    submission, _ = services.submission_create(
        assignment=assignment, participant=member, text="answer"
    )
    response = client.post(
        f"/en/learning/reviews/{submission.pk}/", {"decision": "maybe", "feedback": ""}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert client.get("/en/learning/cohorts/999999/").status_code == 404
    assert client.get("/en/learning/sessions/999999/").status_code == 404
    assert client.get("/en/learning/reviews/999999/").status_code == 404
    response = client.post(f"/en/learning/cohorts/{c}/import/", {"confirm": "1"}, follow=True)
    assert "Nothing to import" in response.content.decode()
