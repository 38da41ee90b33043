"""Times are stored in UTC and shown in each viewer's zone, with its label."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from coaching import selectors

pytestmark = pytest.mark.django_db

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def _next_day_at(hour, minute=0, days=3):
    day = dt.datetime.now(JAKARTA).date() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=JAKARTA)


def test_online_clinic_from_jakarta_shows_10_wib_to_the_expert_and_11_wita_in_lombok(
    client, expert_profile, make_session, make_participant
):
    lombok = make_participant(district="lombok_timur", time_zone="Asia/Makassar")
    starts = _next_day_at(10)
    session = make_session(expert_profile, starts_at=starts, ends_at=starts + dt.timedelta(hours=1))
    assert session.starts_at.utcoffset() == dt.timedelta(0) or session.starts_at == starts
    assert session.time_zone == "Asia/Jakarta"

    expert_view = selectors.session_span_for(session=session, user=expert_profile.user)
    lombok_view = selectors.session_span_for(session=session, user=lombok)
    assert (expert_view.starts.hour, expert_view.label) == (10, "WIB")
    assert (lombok_view.starts.hour, lombok_view.label) == (11, "WITA")
    assert str(expert_view).endswith("10:00–11:00 WIB")
    assert str(lombok_view).endswith("11:00–12:00 WITA")

    # The same on the pages each of them sees.
    client.force_login(lombok)
    page = client.get(reverse("coaching:session", args=[session.pk])).content.decode()
    assert "11:00–12:00 WITA" in page and "WIB" not in page
    client.force_login(expert_profile.user)
    page = client.get(reverse("coaching:expert_session", args=[session.pk])).content.decode()
    assert "10:00–11:00 WIB" in page


def test_a_person_can_change_their_zone(expert_profile, make_session, make_participant):
    person = make_participant(district="lombok_timur", time_zone="Asia/Makassar")
    starts = _next_day_at(10)
    session = make_session(expert_profile, starts_at=starts, ends_at=starts + dt.timedelta(hours=1))
    person.time_zone = "Asia/Jayapura"
    person.save()
    view = selectors.session_span_for(session=session, user=person)
    assert (view.starts.hour, view.label) == (12, "WIT")


def test_a_session_crossing_midnight_in_one_zone_but_not_the_other(
    expert_profile, make_session, make_participant
):
    """22:30–23:30 WIB is 23:30–00:30 WITA: the next day in Lombok, the same day in Jakarta."""
    lombok = make_participant(time_zone="Asia/Makassar")
    starts = _next_day_at(22, 30)
    session = make_session(expert_profile, starts_at=starts, ends_at=starts + dt.timedelta(hours=1))

    wib = selectors.session_span_for(session=session, user=expert_profile.user)
    wita = selectors.session_span_for(session=session, user=lombok)
    assert not wib.crosses_midnight
    assert wita.crosses_midnight
    assert wita.ends.date() == wita.starts.date() + dt.timedelta(days=1)
    assert str(wib).endswith("22:30–23:30 WIB")
    assert "23:30–" in str(wita) and str(wita).endswith("00:30 WITA")
    # The end names its own day, so nobody reads it as the same evening.
    assert str(wita).count(str(wita.ends.day)) >= 1 and wita.ends.strftime("%d") != "00"
    assert f"{wita.ends.day} " in str(wita).split("–", 1)[1]


def test_expert_types_times_in_their_own_zone(client, expert_profile, topic):
    """The form takes 10:00 from an expert in Jakarta as 03:00 UTC."""
    client.force_login(expert_profile.user)
    day = (dt.datetime.now(JAKARTA) + dt.timedelta(days=5)).date()
    response = client.post(
        reverse("coaching:session_new"),
        {
            "topic": topic.pk,
            "day": day.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "capacity": 3,
            "mode": "online",
            "meeting_link": "https://meet.example.org/a",
            "audience": "all",
            "notice_hours": 12,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from coaching.models import ClinicSession

    session = ClinicSession.objects.get()
    assert session.starts_at == dt.datetime.combine(day, dt.time(3), tzinfo=dt.UTC)
