"""The Wagtail admin changes coaching's state only through the services: a refusal is shown on
the form and changes nothing; what is allowed tells the same people as the expert's screens."""

import datetime as dt

import pytest
from django.utils import timezone

from coaching import services
from coaching.models import Booking, ClinicSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_world(
    expert_profile, make_session, make_participant, make_user, django_capture_on_commit_callbacks
):
    manager = make_user("programme managers", "081311113001", name="Maya Man", is_staff=True)
    session = make_session(expert_profile, capacity=1)
    with django_capture_on_commit_callbacks(execute=True):  # the reminders are scheduled
        seat = services.booking_create(participant=make_participant(), session=session).booking
        waiting = services.booking_create(participant=make_participant(), session=session).booking
    return {"manager": manager, "session": session, "seat": seat, "waiting": waiting}


def _start(session):
    ClinicSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - dt.timedelta(minutes=30),
        ends_at=timezone.now() + dt.timedelta(minutes=30),
    )


def test_attendance_of_a_waitlisted_booking_is_refused(client, admin_world):
    _start(admin_world["session"])
    waiting = admin_world["waiting"]
    client.force_login(admin_world["manager"])
    response = client.post(
        f"/admin/coaching/bookings/edit/{waiting.pk}/", {"attendance": "attended"}
    )
    assert response.status_code == 200
    assert "Only people with a seat can be marked" in response.content.decode() or (
        "Hanya orang yang mendapat kursi" in response.content.decode()
    )
    waiting.refresh_from_db()
    assert waiting.attendance == "unknown" and waiting.attendance_marked_by is None


def test_attendance_of_a_seat_goes_through_the_service(client, admin_world):
    _start(admin_world["session"])
    seat, manager = admin_world["seat"], admin_world["manager"]
    client.force_login(manager)
    response = client.post(f"/admin/coaching/bookings/edit/{seat.pk}/", {"attendance": "attended"})
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.attendance == "attended"
    assert seat.attendance_marked_by == manager and seat.attendance_marked_at is not None


def test_attendance_before_the_session_starts_is_refused(client, admin_world):
    seat = admin_world["seat"]
    client.force_login(admin_world["manager"])
    response = client.post(f"/admin/coaching/bookings/edit/{seat.pk}/", {"attendance": "no_show"})
    assert response.status_code == 200
    seat.refresh_from_db()
    assert seat.attendance == "unknown"


def test_a_new_title_reaches_the_reminders(client, admin_world, django_capture_on_commit_callbacks):
    from notifications.models import Reminder

    session, manager = admin_world["session"], admin_world["manager"]
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/coaching/sessions/edit/{session.pk}/",
            {"title": "Modal usaha untuk warung", "description": "Bawa catatan keuangan."},
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.title == "Modal usaha untuk warung"
    reminders = Reminder.objects.filter(
        recipient=admin_world["seat"].participant, status="scheduled"
    )
    assert reminders.exists()
    assert {r.params["title"] for r in reminders} == {"Modal usaha untuk warung"}


def test_a_session_that_is_over_cannot_be_edited(client, admin_world):
    session = admin_world["session"]
    ClinicSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3),
        ends_at=timezone.now() - dt.timedelta(hours=2),
    )
    client.force_login(admin_world["manager"])
    response = client.post(
        f"/admin/coaching/sessions/edit/{session.pk}/", {"title": "Lain", "description": ""}
    )
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.title == ""
    assert Booking.objects.filter(session=session, status="confirmed").count() == 1


def test_an_expert_profile_is_only_for_someone_in_the_experts_group(
    client, admin_world, make_participant, make_user, topic
):
    from coaching.models import Expert

    client.force_login(admin_world["manager"])
    participant = make_participant(name="Pak Peserta")
    newcomer = make_user("experts", "081311113002", name="Nina Expert")
    form = {"organisation": "Koperasi Maju", "sector": "private", "topics": [topic.pk]}
    page = client.get("/admin/coaching/experts/new/").content.decode()
    assert "Nina Expert" in page and "Pak Peserta" not in page
    response = client.post("/admin/coaching/experts/new/", {**form, "user": participant.pk})
    assert response.status_code == 200
    assert not Expert.objects.filter(user=participant).exists()
    response = client.post("/admin/coaching/experts/new/", {**form, "user": newcomer.pk})
    assert response.status_code == 302
    assert Expert.objects.get(user=newcomer).organisation == "Koperasi Maju"
