"""The admin's notification lists name each kind the way people read it, not by its code name,
and show times in the manager's zone with the zone's name."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from notifications import kinds, services

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """An admin request in English leaves English active in this thread; the next test's
    ``reverse`` would build /en/ addresses."""
    language = translation.get_language()
    yield
    translation.activate(language)


def test_sent_notifications_show_the_kinds_label(client, manager, participant):
    assert kinds.is_registered("assignment_new")
    services.notify(recipient=participant, kind="assignment_new", url="/", params={"title": "CV"})
    manager.time_zone = "Asia/Makassar"
    manager.save()
    client.force_login(manager)
    html = client.get("/admin/notification/", HTTP_ACCEPT_LANGUAGE="en")
    html = html.content.decode()
    label = str(kinds.get("assignment_new").label)
    assert label in html
    assert ">assignment_new<" not in html.replace(" ", "").replace("\n", "")
    assert "WITA" in html
    # the filter offers the kinds by their labels too
    assert f'value="assignment_new">{label}' in html.replace("\n", "")


def test_scheduled_reminders_show_the_kinds_label(client, manager, participant):
    services.reminder_schedule(
        recipient=participant,
        kind="assignment_due",
        obj=participant,
        at=timezone.now() + dt.timedelta(days=1),
        url="/",
    )
    client.force_login(manager)
    html = client.get("/admin/reminder/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert str(kinds.get("assignment_due").label) in html
    assert f" {manager.time_zone_label}<" in html.replace("\n", "").replace("  ", "")
