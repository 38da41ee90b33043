"""After a booking is cancelled, the inbox no longer says "your seat is booked" as if it still
held: the notice is marked read and shown as no longer valid."""

import pytest
from django.urls import reverse

from coaching import notices, services
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["participant", "expert"])
def test_cancelling_withdraws_the_seat_booked_notice(
    who, client, expert_profile, make_session, make_participant, django_capture_on_commit_callbacks
):
    session = make_session(expert_profile, capacity=3)
    person = make_participant()
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(participant=person, session=session).booking
    booked = Notification.objects.get(recipient=person, kind=notices.BOOKED)
    assert not booked.is_read

    by = person if who == "participant" else expert_profile.user
    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(by=by, booking=booking, reason="Bentrok jadwal")
    booked.refresh_from_db()
    assert booked.is_read and booked.is_withdrawn

    client.force_login(person)
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert f"<s><strong>{booked.title}</strong></s>" in inbox
    unread = Notification.objects.filter(recipient=person, read_at__isnull=True)
    if who == "participant":
        assert not unread.exists()
    else:  # the expert cancelled: the person is told why, and that notice is new
        assert list(unread.values_list("kind", flat=True)) == [notices.BOOKING_CANCELLED]
