"""The Wagtail admin's coaching lists speak to the manager reading them: clinic times in the
manager's own zone with its name (never bare UTC), and column labels that are words."""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from coaching.models import ClinicSession

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """An admin request in English leaves English active in this thread; the next test's
    ``reverse`` would build /en/ addresses."""
    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture
def session_at_nine_wib(expert_profile, make_session):
    """A clinic at 09:00 WIB (02:00 UTC), nine days ahead."""
    session = make_session(expert_profile, capacity=4)
    day = (timezone.now() + dt.timedelta(days=9)).date()
    start = dt.datetime.combine(day, dt.time(2, 0), tzinfo=dt.UTC)
    ClinicSession.objects.filter(pk=session.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    return session


def test_a_manager_in_lombok_sees_clinic_times_in_wita(client, make_user, session_at_nine_wib):
    manager = make_user(
        "programme managers",
        "081311113101",
        name="Rina Lombok",
        is_staff=True,
        time_zone="Asia/Makassar",
    )
    client.force_login(manager)
    html = client.get("/admin/coaching/sessions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "10:00 WITA" in html  # 02:00 UTC is 10:00 in Lombok
    assert not re.search(r"\d\d:\d\d UTC", html)
    assert "WIB" not in html


def test_a_manager_in_java_sees_the_same_clinic_in_wib(client, make_user, session_at_nine_wib):
    manager = make_user(
        "programme managers",
        "081311113102",
        name="Budi Jawa",
        is_staff=True,
        time_zone="Asia/Jakarta",
    )
    client.force_login(manager)
    html = client.get("/admin/coaching/sessions/").content.decode()
    assert "09:00 WIB" in html and "UTC" not in html
    inspect = client.get(f"/admin/coaching/sessions/inspect/{session_at_nine_wib.pk}/")
    assert "09:00 WIB" in inspect.content.decode()


def test_the_booking_list_labels_are_words(client, make_user, session_at_nine_wib):
    manager = make_user("programme managers", "081311113103", name="Maya", is_staff=True)
    client.force_login(manager)
    html = client.get("/admin/coaching/sessions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Seats taken" in html
    assert "Confirmed count" not in html
