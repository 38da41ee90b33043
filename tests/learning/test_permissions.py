"""The permission matrix: every page and action of the learning app, for every role."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from cms.models import Role
from learning import services
from learning.models import Attendance, Cohort
from tests.support.admin_users import admin_create_user, superuser_client

pytestmark = pytest.mark.django_db

ROLES = [
    "visitor",
    "member",
    "outsider",
    "facilitator",
    "other_facilitator",
    "expert",
    "manager",
]
LOGIN = 302


@pytest.fixture
def world(programme, cohort, other_cohort, member, make_participant, facilitator, expert, manager):
    outsider = make_participant(name="Outsider Participant")
    services.enrolment_create(cohort=other_cohort, participant=outsider)
    assignment = services.assignment_create(
        created_by=facilitator,
        title="Secret task of Selong",
        instructions="Only for Selong.",
        due_at=timezone.now() + dt.timedelta(days=3),
        cohort=cohort,
    )
    submission, _ = services.submission_create(
        assignment=assignment,
        participant=member,
        text="Member's private answer",
        files=[SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    session = services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Day 1",
        starts_at=timezone.now(),
        stage=programme["orientation"],
    )
    return {
        "users": {
            "visitor": None,
            "member": member,
            "outsider": outsider,
            "facilitator": facilitator,
            "other_facilitator": other_cohort.facilitators.get(),
            "expert": expert,
            "manager": manager,
        },
        "cohort": cohort,
        "other_cohort": other_cohort,
        "assignment": assignment,
        "submission": submission,
        "file": submission.files.get(),
        "session": session,
        "lesson": programme["lessons"]["internalisation"][0],
    }


def row(*codes):
    return dict(zip(ROLES, codes, strict=True))


STAFF_ONLY = row(LOGIN, 404, 404, 200, 404, 404, 200)


def matrix(w):
    c, s, a, sub, f = (
        w["cohort"].pk,
        w["session"].pk,
        w["assignment"].pk,
        w["submission"].pk,
        w["file"].pk,
    )
    member = w["users"]["member"].pk
    return {
        ("GET", "/id/learning/join/"): row(LOGIN, 200, 200, 200, 200, 200, 200),
        ("GET", "/id/learning/assignments/"): row(LOGIN, 200, 200, 200, 200, 200, 200),
        ("GET", f"/id/learning/assignments/{a}/"): row(LOGIN, 200, 404, 404, 404, 404, 404),
        ("GET", f"/id/learning/files/{f}/"): row(LOGIN, 200, 404, 200, 404, 404, 200),
        ("GET", "/id/learning/cohorts/"): row(LOGIN, 404, 404, 200, 200, 404, 200),
        ("GET", f"/id/learning/cohorts/{c}/"): STAFF_ONLY,
        ("GET", f"/id/learning/cohorts/{c}/enrol/"): STAFF_ONLY,
        ("GET", f"/id/learning/cohorts/{c}/import/"): STAFF_ONLY,
        ("GET", f"/id/learning/cohorts/{c}/sessions/new/"): STAFF_ONLY,
        ("GET", f"/id/learning/cohorts/{c}/assignments/new/"): STAFF_ONLY,
        ("GET", f"/id/learning/cohorts/{c}/participants/{member}/"): STAFF_ONLY,
        ("GET", f"/id/learning/sessions/{s}/"): STAFF_ONLY,
        ("POST", f"/id/learning/sessions/{s}/mark/"): row(LOGIN, 404, 404, 302, 404, 404, 302),
        ("POST", f"/id/learning/sessions/{s}/everyone/"): row(LOGIN, 404, 404, 302, 404, 404, 302),
        ("POST", f"/id/learning/assignments/{a}/close/"): row(LOGIN, 404, 404, 302, 404, 404, 302),
        ("GET", "/id/learning/reviews/"): row(LOGIN, 404, 404, 200, 200, 200, 200),
        ("GET", f"/id/learning/reviews/{sub}/"): row(LOGIN, 404, 404, 200, 404, 404, 200),
        # The facilitator decides first; the manager then sees "already reviewed" (200).
        ("POST", f"/id/learning/reviews/{sub}/"): row(LOGIN, 404, 404, 302, 404, 404, 200),
    }


def data_for(method_url, w):
    url = method_url[1]
    if url.endswith("/mark/"):
        return {"participant": w["users"]["member"].pk, "present": "1"}
    if url.endswith("/close/"):
        return {"closed": "0", "next": "/id/learning/cohorts/"}
    if "/reviews/" in url:
        return {"decision": "revise", "feedback": "Please add a photo."}
    return {}


def test_permission_matrix(client, world):
    assert _matrix_run(client, world) == []


def test_permission_matrix_with_staff_made_in_the_admin(client, world):
    """A facilitator and a manager made in the Wagtail admin (put in their group by the form,
    is_staff set by it) get exactly the facilitator's and the manager's answers."""
    superuser_client(client)
    made_facilitator = admin_create_user(
        client, mobile="081366660001", role=Role.FACILITATOR, name="Admin-made Facilitator"
    )
    made_manager = admin_create_user(
        client, mobile="081366660002", role=Role.MANAGER, name="Admin-made Manager"
    )
    assert made_facilitator.is_staff and made_manager.is_staff
    world["cohort"].facilitators.add(made_facilitator)
    world["users"]["facilitator"] = made_facilitator
    world["users"]["manager"] = made_manager
    assert _matrix_run(client, world) == []


def _matrix_run(client, world) -> list[str]:
    wrong = []
    for (method, url), expected in matrix(world).items():
        for role in ROLES:
            client.logout()
            user = world["users"][role]
            if user is not None:
                client.force_login(user)
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data_for((method, url), world))
            got = response.status_code
            if got != expected[role]:
                wrong.append(f"{method} {url} as {role}: {got}, expected {expected[role]}")
            if role == "visitor" and got == 302:
                assert "/login/" in response["Location"]
    return wrong


def test_reviews_by_others_change_nothing(client, world):
    sub = world["submission"]
    for role in ("member", "outsider", "other_facilitator", "expert"):
        client.force_login(world["users"][role])
        client.post(f"/id/learning/reviews/{sub.pk}/", {"decision": "accept", "feedback": "ok"})
    sub.refresh_from_db()
    assert sub.status == "submitted"
    assert not Attendance.objects.exists()


def test_nothing_of_anyone_elses(client, world):
    users = world["users"]
    client.force_login(users["outsider"])
    assert "Secret task of Selong" not in client.get("/id/learning/assignments/").content.decode()
    client.force_login(users["other_facilitator"])
    html = client.get("/id/learning/cohorts/").content.decode()
    assert "Kelompok Selong" not in html and "Kelompok Karawang" in html
    assert "Member" not in client.get("/id/learning/reviews/").content.decode()
    client.force_login(users["facilitator"])
    html = client.get("/id/learning/cohorts/").content.decode()
    assert "Kelompok Selong" in html and "Kelompok Karawang" not in html
    assert "Secret task of Selong" in client.get("/id/learning/reviews/").content.decode()
    client.force_login(users["expert"])
    assert "Secret task" not in client.get("/id/learning/reviews/").content.decode()


def test_reflections_private_to_participant_and_their_facilitators(client, world):
    users, lesson = world["users"], world["lesson"]
    services.reflection_save(
        participant=users["member"], lesson=lesson, position=0, question="Why?", answer="My secret"
    )
    client.force_login(users["outsider"])
    assert "My secret" not in client.get(lesson.url).content.decode()
    url = f"/id/learning/cohorts/{world['cohort'].pk}/participants/{users['member'].pk}/"
    client.force_login(users["facilitator"])
    assert "My secret" in client.get(url).content.decode()
    client.force_login(users["other_facilitator"])
    assert client.get(url).status_code == 404


def test_other_cohort_participant_cannot_be_marked(client, world):
    client.force_login(world["users"]["facilitator"])
    response = client.post(
        f"/id/learning/sessions/{world['session'].pk}/mark/",
        {"participant": world["users"]["outsider"].pk, "present": "1"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_wagtail_admin_cohorts_for_managers_only(client, world):
    url = reverse("cohort:index")
    for role, allowed in (
        ("manager", True),
        ("facilitator", False),
        ("expert", False),
        ("member", False),
    ):
        client.force_login(world["users"][role])
        response = client.get(url)
        assert (response.status_code == 200) is allowed, (role, response.status_code)
        if allowed:
            html = response.content.decode()
            assert "Kelompok Selong" in html and "Kelompok Karawang" in html
    assert Cohort.objects.count() == 2
