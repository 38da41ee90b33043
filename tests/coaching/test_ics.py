"""Calendar files parse back with the icalendar library: UID, SEQUENCE, zone, times, status."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from coaching import ics, services
from coaching.models import Booking

pytestmark = pytest.mark.django_db


def _event(raw: bytes):
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def _download(client, booking) -> bytes:
    response = client.get(reverse("coaching:booking_ics", args=[booking.uid]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


def test_calendar_file_before_and_after_a_move_and_a_cancellation(
    client, expert_profile, make_session, make_participant
):
    person = make_participant(time_zone="Asia/Makassar")
    session = make_session(expert_profile, meeting_link="https://meet.example.org/klinik-7")
    booking = services.booking_create(participant=person, session=session).booking
    client.force_login(person)

    calendar, event = _event(_download(client, booking))
    uid = str(event["UID"])
    assert uid == ics.booking_uid(booking)
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"
    start = event.decoded("DTSTART")
    assert start == session.starts_at and event.decoded("DTEND") == session.ends_at
    assert str(start.tzinfo) == "Asia/Makassar"
    assert event["DTSTART"].params["TZID"] == "Asia/Makassar"
    assert calendar.walk("VTIMEZONE"), "the file carries its zone"
    assert "https://meet.example.org/klinik-7" in str(event["LOCATION"])

    services.session_update(
        by=expert_profile.user,
        session=session,
        starts_at=session.starts_at + dt.timedelta(hours=3),
        ends_at=session.ends_at + dt.timedelta(hours=3),
    )
    session.refresh_from_db()
    calendar, event = _event(_download(client, booking))
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == session.starts_at

    services.booking_cancel(by=person, booking=booking)
    calendar, event = _event(_download(client, booking))
    assert str(event["UID"]) == uid
    assert int(event["SEQUENCE"]) == 2
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"


def test_session_cancelled_by_the_expert_cancels_the_entry(
    client, expert_profile, make_session, make_participant
):
    person = make_participant()
    session = make_session(expert_profile, mode="in_person", place="Balai Desa Selong")
    booking = services.booking_create(participant=person, session=session).booking
    client.force_login(person)
    _calendar, event = _event(_download(client, booking))
    assert str(event["LOCATION"]) == "Balai Desa Selong"
    services.session_cancel(by=expert_profile.user, session=session, reason="Hujan deras")
    calendar, event = _event(_download(client, Booking.objects.get(pk=booking.pk)))
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert "Hujan deras" in str(event["DESCRIPTION"])


def test_a_booked_entry_rings_one_hour_before_and_a_cancelled_one_does_not(
    client, expert_profile, make_session, make_participant
):
    person = make_participant(time_zone="Asia/Makassar")
    session = make_session(expert_profile)
    booking = services.booking_create(participant=person, session=session).booking
    client.force_login(person)
    _calendar, event = _event(_download(client, booking))
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    alarm = alarms[0]
    assert str(alarm["ACTION"]) == "DISPLAY"
    trigger = alarm.decoded("TRIGGER")
    assert trigger == -dt.timedelta(hours=1)
    # relative to the start (the default), so the phone rings at the start minus one hour
    assert alarm["TRIGGER"].params.get("RELATED", "START") == "START"
    assert event.decoded("DTSTART") + trigger == session.starts_at - dt.timedelta(hours=1)
    assert session.display_title in str(alarm["DESCRIPTION"])

    services.booking_cancel(by=person, booking=booking)
    _calendar, event = _event(_download(client, Booking.objects.get(pk=booking.pk)))
    assert not event.walk("VALARM")
