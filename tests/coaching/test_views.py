"""The screens' forms: managers scheduling for an expert, repeating slots, moving a session,
filters, and small pages for slow links."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Booking, ClinicSession

pytestmark = pytest.mark.django_db

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")
BYTE_BUDGET = 30_000  # uncompressed HTML of a participant page


def _future_day(days=9):
    return (dt.datetime.now(JAKARTA) + dt.timedelta(days=days)).date()


def test_manager_schedules_for_an_expert_in_the_experts_zone(
    client, manager, expert_profile, topic
):
    expert_profile.user.time_zone = "Asia/Makassar"
    expert_profile.user.save()
    client.force_login(manager)
    day = _future_day()
    response = client.post(
        reverse("coaching:session_new"),
        {
            "expert": expert_profile.pk,
            "topic": topic.pk,
            "day": day.isoformat(),
            "start": "09:00",
            "end": "10:30",
            "capacity": 8,
            "mode": "in_person",
            "place": "Kantor Desa Labuhan Haji",
            "audience": "all",
            "notice_hours": 24,
        },
    )
    assert response.status_code == 302
    session = ClinicSession.objects.get()
    assert session.expert == expert_profile and session.created_by == manager
    assert session.starts_at == dt.datetime.combine(day, dt.time(1), tzinfo=dt.UTC)  # 09 WITA
    assert session.time_zone == "Asia/Makassar"


def test_repeating_slots_through_the_form(client, expert_profile, topic):
    client.force_login(expert_profile.user)
    first = _future_day(3)
    response = client.post(
        reverse("coaching:slots_new"),
        {
            "topic": topic.pk,
            "first_day": first.isoformat(),
            "weeks": 4,
            "day_start": "09:00",
            "day_end": "12:00",
            "slot_minutes": 30,
            "capacity": 1,
            "mode": "online",
            "meeting_link": "https://meet.example.org/satu",
            "audience": "all",
            "notice_hours": 12,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ClinicSession.objects.filter(expert=expert_profile, capacity=1).count() == 24
    # The same again overlaps every slot: nothing is added, and the page says why.
    response = client.post(reverse("coaching:slots_new"), response.wsgi_request.POST)
    assert response.status_code == 200
    assert ClinicSession.objects.count() == 24


def test_moving_a_session_through_the_form(
    client, expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    session = make_session(expert_profile, start_in=dt.timedelta(days=4))
    person = make_participant()
    booking = services.booking_create(participant=person, session=session).booking
    client.force_login(expert_profile.user)
    local = timezone.localtime(session.starts_at, JAKARTA)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coaching:session_edit", args=[session.pk]),
            {
                "day": (local.date() + dt.timedelta(days=1)).isoformat(),
                "start": "23:30",
                "end": "00:30",  # crosses midnight: ends the next day
                "mode": "online",
                "meeting_link": "https://meet.example.org/baru",
                "capacity": 5,
                "notice_hours": 12,
            },
        )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.ends_at - session.starts_at == dt.timedelta(hours=1)
    booking.refresh_from_db()
    assert booking.sequence == 1
    assert Notification.objects.filter(recipient=person, kind="clinic_moved").exists()


def test_filters_by_topic_and_local_day(client, expert_profile, make_session, make_participant):
    from coaching.models import Topic

    other_topic = Topic.objects.create(slug="lain", name="Topik lain")
    day_one = make_session(expert_profile, start_in=dt.timedelta(days=3))
    day_two = make_session(expert_profile, start_in=dt.timedelta(days=4), topic=other_topic)
    client.force_login(make_participant(time_zone="Asia/Jakarta"))
    url = reverse("coaching:list")
    page = client.get(url, {"topic": other_topic.pk}).content.decode()
    assert f"/coaching/{day_two.pk}/" in page and f"/coaching/{day_one.pk}/" not in page
    local_day = timezone.localtime(day_one.starts_at, JAKARTA).date()
    page = client.get(url, {"day": local_day.isoformat()}).content.decode()
    assert f"/coaching/{day_one.pk}/" in page and f"/coaching/{day_two.pk}/" not in page


def test_participant_pages_stay_small(client, expert_profile, make_session, make_participant):
    person = make_participant()
    sessions = [
        make_session(expert_profile, start_in=dt.timedelta(days=2, hours=2 * i)) for i in range(20)
    ]
    for session in sessions[:5]:
        services.booking_create(participant=person, session=session)
    client.force_login(person)
    for url in (
        reverse("coaching:list"),
        reverse("coaching:session", args=[sessions[0].pk]),
        reverse("coaching:my_bookings"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert len(response.content) < BYTE_BUDGET, (url, len(response.content))
    assert Booking.objects.filter(participant=person).count() == 5


def test_a_request_key_of_someone_else_is_refused_with_a_message(
    client, expert_profile, make_session, make_participant
):
    """A booking form's key reused by a second person (a shared phone, a copied page)."""
    import uuid

    session = make_session(expert_profile, capacity=3)
    key = uuid.uuid4()
    services.booking_create(participant=make_participant(), session=session, request_key=key)
    budi = make_participant()
    client.force_login(budi)
    response = client.post(
        reverse("coaching:book", args=[session.pk]), {"key": str(key)}, follow=True
    )
    assert response.status_code == 200
    assert "Permintaan booking ini sudah dipakai" in response.content.decode()
    assert not Booking.objects.filter(participant=budi).exists()
    session.refresh_from_db()
    assert session.confirmed_count == 1
