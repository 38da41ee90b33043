"""Regressions of issue 11: each hostile input a tester sent, with the answer it must get now.

Dates outside 2000-2100, NUL bytes, non-ASCII digits and ids beyond 64 bits, and ``next=``
values that leave the site: a form error, a 404 or a redirect home, and nothing saved.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from cms.redirects import safe_next
from cms.validators import parse_id
from coaching.models import Attendance as CoachingAttendance
from coaching.models import BookingStatus, ClinicSession, FollowUp
from learning.models import Assignment, Attendance, Cohort, WorkshopSession

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Choose a date between 2000 and 2100."


# --- shared helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12", 12),
        (12, 12),
        ("²", None),
        ("٣", None),  # Arabic-Indic three: int() reads it, an id is ASCII
        ("１２", None),  # full-width digits
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        (str(2**70), None),
        ("0", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("1\x00", None),
        (" 1", None),
        (True, None),
        (["1"], None),
    ],
)
def test_parse_id_reads_only_ascii_ids_a_bigint_holds(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/id/learning/", "/id/learning/"),
        ("/id/coaching/?day=2030-01-01", "/id/coaching/?day=2030-01-01"),
        ("abc", "/fallback/"),
        ("https://evil.example/", "/fallback/"),
        ("//evil.example/", "/fallback/"),
        ("/\\evil.example/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
        (" /id/", "/fallback/"),
        ("/id/\x00", "/fallback/"),
        ("http://testserver/id/", "/fallback/"),  # a path, not a URL, even on this host
        ("", "/fallback/"),
    ],
)
def test_safe_next_keeps_only_paths_on_this_site(target, expected):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next(request, "/fallback/") == expected


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_workshop_session_and_assignment_dates_out_of_range_are_form_errors(client, world, day):
    facilitator, cohort = world["people"]["facilitator"], world["cohort"]
    client.force_login(facilitator)
    sessions, assignments = WorkshopSession.objects.count(), Assignment.objects.count()
    response = client.post(
        f"/en/learning/cohorts/{cohort.pk}/sessions/new/",
        {"title": "Hari 2", "date": day, "start": "09:00", "end": "12:00"},
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    response = client.post(
        f"/en/learning/cohorts/{cohort.pk}/assignments/new/",
        {
            "title": "Tugas",
            "instructions": "Kerjakan.",
            "due_date": day,
            "due_time": "23:59",
            "allow_text": "on",
        },
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert (WorkshopSession.objects.count(), Assignment.objects.count()) == (sessions, assignments)
    # The cohort's pages still open (a saved year 1 made them answer 500 on PostgreSQL).
    assert client.get(f"/en/learning/cohorts/{cohort.pk}/").status_code == 200
    client.force_login(world["people"]["participant"])
    assert client.get("/en/learning/assignments/").status_code == 200


def test_the_date_pickers_are_bounded_too(client, world):
    client.force_login(world["people"]["facilitator"])
    html = client.get(f"/en/learning/cohorts/{world['cohort'].pk}/sessions/new/").content.decode()
    assert 'min="2000-01-01"' in html and 'max="2100-12-31"' in html


@pytest.mark.postgres
def test_model_fields_the_admin_edits_refuse_dates_out_of_range(world):
    """The Wagtail admin's forms are ModelForms: the model fields' validators are theirs."""
    year_one = dt.datetime(1, 1, 1, 12, tzinfo=dt.UTC)
    session = world["workshop"]
    session.starts_at = year_one
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "starts_at" in error.value.message_dict
    assignment = world["assignment"]
    assignment.due_at = dt.datetime(9999, 12, 31, 12, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as error:
        assignment.full_clean()
    assert "due_at" in error.value.message_dict
    cohort = Cohort(name="X", district="karawang", start_date=dt.date(1, 1, 1), join_code="XYZ234")
    with pytest.raises(ValidationError) as error:
        cohort.full_clean()
    assert "start_date" in error.value.message_dict


@pytest.mark.postgres
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_clinic_dates_out_of_range_are_form_errors(client, world, day):
    expert = world["people"]["expert"]
    client.force_login(expert)
    topic = world["clinic"].topic
    common = {
        "topic": topic.pk,
        "mode": "online",
        "meeting_link": "https://meet.example.org/x",
        "audience": "all",
        "notice_hours": "12",
    }
    before = ClinicSession.objects.count()
    response = client.post(
        "/en/coaching/expert/new/",
        {**common, "day": day, "start": "09:00", "end": "10:00", "capacity": "3"},
    )
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    response = client.post(
        "/en/coaching/expert/slots/",
        {
            **common,
            "first_day": day,
            "weeks": "2",
            "day_start": "09:00",
            "day_end": "11:00",
            "slot_minutes": "30",
            "capacity": "1",
        },
    )
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    clinic = world["clinic"]
    response = client.post(
        f"/en/coaching/expert/sessions/{clinic.pk}/edit/",
        {
            "day": day,
            "start": "09:00",
            "end": "10:00",
            "mode": "online",
            "meeting_link": "https://meet.example.org/x",
            "capacity": "3",
            "notice_hours": "12",
        },
    )
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert ClinicSession.objects.count() == before
    starts_at = clinic.starts_at
    clinic.refresh_from_db()
    assert clinic.starts_at == starts_at
    # The list filtered by that day shows the form's message instead of a 500.
    response = client.get("/en/coaching/", {"day": day})
    assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()


@pytest.mark.postgres
def test_a_follow_up_due_in_year_9999_is_a_form_error_and_a_retry_saves_one(client, world):
    booking = world["booking"]
    client.force_login(world["people"]["expert"])
    data = {
        "action": "follow_up",
        "follow-title": "Tugas lanjutan",
        "follow-instructions": "Hitung modal.",
        "follow-due_day": "9999-12-31",
        "follow-due_time": "17:00",
    }
    url = f"/en/coaching/expert/bookings/{booking.pk}/"
    for _attempt in range(2):  # the retry of a person who saw an error
        response = client.post(url, data)
        assert response.status_code == 200 and OUT_OF_RANGE in response.content.decode()
    assert not FollowUp.objects.exists()
    assert client.get(url).status_code == 200


# --- NUL bytes --------------------------------------------------------------------------------


def test_nul_in_a_path_is_not_found_and_in_a_query_a_bad_request(client, world):
    assert client.get("/podcasts/%00/feed.xml").status_code == 404
    assert client.get("/podcasts/podcast-uji/%00/feed.xml").status_code == 404
    assert client.get("/id/%00/").status_code == 404
    client.force_login(world["people"]["participant"])
    assert client.get("/id/coaching/%00/").status_code == 404
    assert client.get("/id/coaching/", {"day": "2030-01-01\x00"}).status_code == 400
    assert client.get("/id/coaching/?page=1%00").status_code == 400


def test_a_cancel_reason_with_nul_is_refused_and_the_booking_stays(client, world):
    booking = world["booking"]
    client.force_login(world["people"]["participant"])
    response = client.post(
        f"/en/coaching/bookings/{booking.pk}/cancel/", {"reason": "sakit\x00"}, follow=True
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


# --- ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["²", "٣", str(2**70)])
def test_hostile_ids_in_forms_find_nothing_and_change_nothing(client, world, bad):
    booking, workshop = world["booking"], world["workshop"]
    client.force_login(world["people"]["expert"])
    response = client.post(
        f"/en/coaching/expert/sessions/{booking.session_id}/",
        {f"attendance-{bad}": "attended", f"attendance-{booking.pk}": "attended"},
        follow=True,
    )
    assert response.status_code == 200
    assert "That booking was not found." in response.content.decode()
    booking.refresh_from_db()
    assert booking.attendance != CoachingAttendance.ATTENDED

    client.force_login(world["people"]["facilitator"])
    response = client.post(
        f"/en/learning/sessions/{workshop.pk}/mark/", {"participant": bad, "present": "1"}
    )
    assert response.status_code == 302
    response = client.post(
        f"/en/learning/sessions/{workshop.pk}/mark/",
        {"participant": bad, "present": "1"},
        headers={"x-requested-with": "fetch"},
    )
    assert response.status_code == 400
    assert not Attendance.objects.filter(session=workshop).exists()

    client.force_login(world["people"]["participant"])
    response = client.post("/en/notifications/read/", {"id": bad}, follow=True)
    assert "That notification was not found." in response.content.decode()
    assert not type(world["notification"]).objects.filter(read_at__isnull=False).exists()
    assert client.post("/en/notifications/subscriptions/off/", {"id": bad}).status_code == 404
    assert client.get(f"/en/learning/assignments/{2**70}/").status_code == 404


# --- next= ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["abc", "https://evil.example/", "javascript:alert(1)"])
def test_next_only_goes_to_paths_on_this_site(client, world, target):
    response = client.post("/language/", {"language": "en", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"
    client.force_login(world["people"]["participant"])
    response = client.post("/video/data-saver/", {"mode": "low", "next": target})
    assert response.status_code == 302 and response["Location"] == "/"
    client.force_login(world["people"]["facilitator"])
    assignment = world["assignment"]
    response = client.post(
        f"/en/learning/assignments/{assignment.pk}/close/", {"closed": "1", "next": target}
    )
    assert response.status_code == 302 and response["Location"] == "/en/learning/reviews/"
    response = client.post(
        f"/en/learning/assignments/{assignment.pk}/close/",
        {"closed": "0", "next": f"/en/learning/cohorts/{world['cohort'].pk}/"},
    )
    assert response["Location"] == f"/en/learning/cohorts/{world['cohort'].pk}/"


def test_non_ascii_digits_in_an_imported_age_or_the_video_status_ids(client, world):
    from django.urls import reverse

    from tests.learning.test_enrolment import HEADER, csv_file

    client.force_login(world["people"]["facilitator"])
    upload = csv_file(
        [
            HEADER,
            ["Rina", "081377770001", "perempuan", "²", "karawang", "returnee"],
        ]
    )
    response = client.post(f"/en/learning/cohorts/{world['cohort'].pk}/import/", {"file": upload})
    assert response.status_code == 200  # a preview that names the bad cell, not a 500
    assert "Rina" in response.content.decode()
    client.force_login(world["people"]["superuser"])
    response = client.get(reverse("video:status"), {"ids": f"²,٣,{2**70},1"})
    assert response.status_code == 200
    assert response.json() == {}


@pytest.mark.parametrize("target", ["abc", "https://evil.example/", "//evil.example/"])
def test_signing_in_with_a_foreign_next_lands_on_the_site(client, world, target):
    response = client.post(
        f"/id/accounts/login/?next={target}",
        {"username": "081311110001", "password": "a-Strong-pass-123", "next": target},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"] and response["Location"].startswith("/")
    assert response["Location"] != target
    client.logout()
    response = client.post(
        "/id/accounts/login/",
        {"username": "081311110001", "password": "a-Strong-pass-123", "next": "/id/coaching/"},
    )
    assert response["Location"] == "/id/coaching/"
