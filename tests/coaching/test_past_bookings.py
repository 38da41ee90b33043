"""A booking whose clinic has begun stays as it is: nobody is offered, or allowed, to cancel it
(the expert marks attendance instead)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Booking, BookingStatus, ClinicSession
from coaching.services import CoachingError

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_booking(expert_profile, make_session, make_participant):
    session = make_session(expert_profile, capacity=3)
    booking = services.booking_create(participant=make_participant(), session=session).booking
    start = timezone.now() - dt.timedelta(days=2)
    ClinicSession.objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    booking.refresh_from_db()
    return booking


def test_the_expert_page_of_a_past_booking_offers_no_cancel(client, past_booking):
    client.force_login(past_booking.session.expert.user)
    page = client.get(reverse("coaching:expert_booking", args=[past_booking.pk]))
    assert page.status_code == 200
    cancel_url = reverse("coaching:booking_cancel", args=[past_booking.pk])
    assert cancel_url not in page.content.decode()


def test_the_participant_page_of_a_past_booking_offers_no_cancel(client, past_booking):
    client.force_login(past_booking.participant)
    page = client.get(reverse("coaching:session", args=[past_booking.session_id]))
    assert reverse("coaching:booking_cancel", args=[past_booking.pk]) not in page.content.decode()


@pytest.mark.parametrize("who", ["expert", "manager", "participant"])
def test_the_service_refuses_to_cancel_a_past_booking(who, past_booking, manager, client):
    by = {
        "expert": past_booking.session.expert.user,
        "manager": manager,
        "participant": past_booking.participant,
    }[who]
    with pytest.raises(CoachingError) as refused:
        services.booking_cancel(by=by, booking=past_booking, reason="Tidak datang")
    assert refused.value.code == "started"
    past_booking.refresh_from_db()
    assert past_booking.status == BookingStatus.CONFIRMED
    assert ClinicSession.objects.get(pk=past_booking.session_id).confirmed_count == 1


def test_posting_the_cancel_form_anyway_changes_nothing(client, past_booking):
    client.force_login(past_booking.session.expert.user)
    response = client.post(
        reverse("coaching:booking_cancel", args=[past_booking.pk]), {"reason": "Tidak datang"}
    )
    assert response.status_code == 302
    assert Booking.objects.get(pk=past_booking.pk).status == BookingStatus.CONFIRMED


def test_an_upcoming_booking_still_offers_cancel(
    client, expert_profile, make_session, make_participant
):
    session = make_session(expert_profile, capacity=3)
    booking = services.booking_create(participant=make_participant(), session=session).booking
    client.force_login(expert_profile.user)
    page = client.get(reverse("coaching:expert_booking", args=[booking.pk]))
    assert reverse("coaching:booking_cancel", args=[booking.pk]) in page.content.decode()
