"""The demo loader's coaching part: something on every screen, and a second run changes nothing."""

import pytest
from django.core.management import call_command

from coaching.models import Booking, ClinicSession, Expert, FollowUp, SessionNote, Topic

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Topic, Expert, ClinicSession, Booking, SessionNote, FollowUp)
    }


def test_demo_has_experts_sessions_bookings_waitlist_notes_and_is_idempotent():
    call_command("load_initial_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    assert first["Expert"] >= 4
    assert set(Topic.objects.values_list("pk", flat=True)) == set(
        Expert.objects.values_list("topics", flat=True)
    )
    sessions = ClinicSession.objects.all()
    assert sessions.filter(capacity=1).exists() and sessions.filter(capacity__gt=1).exists()
    assert {"online", "in_person"} <= set(sessions.values_list("mode", flat=True))
    assert {"Asia/Jakarta", "Asia/Makassar"} <= set(sessions.values_list("time_zone", flat=True))
    assert Booking.objects.filter(status="waitlisted").exists()
    assert first["SessionNote"] > 0 and first["FollowUp"] > 0
    assert FollowUp.objects.filter(assignment__isnull=False).count() == first["FollowUp"]
    call_command("load_initial_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first
