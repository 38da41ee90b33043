"""Workshop sessions and the attendance register: one tap per person, history kept."""

import datetime as dt

import pytest
from django.utils import timezone

from learning import services
from learning.models import Attendance, AttendanceChange, WorkshopSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cohort, facilitator, programme):
    return services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Orientasi hari 1",
        stage=programme["orientation"],
        starts_at=timezone.now(),
        place="Balai Desa",
    )


def test_create_session_in_the_facilitators_zone(client, cohort, facilitator, programme):
    facilitator.time_zone = "Asia/Makassar"
    facilitator.save()
    client.force_login(facilitator)
    response = client.post(
        f"/en/learning/cohorts/{cohort.pk}/sessions/new/",
        {
            "title": "Day 1",
            "stage": programme["orientation"].pk,
            "date": "2026-03-02",
            "start": "09:00",
            "end": "16:00",
            "place": "Selong",
        },
    )
    assert response.status_code == 302
    session = WorkshopSession.objects.get()
    assert session.starts_at == dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 WITA
    assert session.stage_key == programme["orientation"].translation_key


def test_session_must_end_after_it_starts(client, cohort, facilitator):
    client.force_login(facilitator)
    response = client.post(
        f"/en/learning/cohorts/{cohort.pk}/sessions/new/",
        {"title": "Day 1", "date": "2026-03-02", "start": "16:00", "end": "09:00"},
    )
    assert "must end after it starts" in response.content.decode()
    assert not WorkshopSession.objects.exists()


def test_tap_by_fetch_and_change_with_history(
    client, session, member, facilitator, make_facilitator
):
    client.force_login(facilitator)
    url = f"/en/learning/sessions/{session.pk}/mark/"
    response = client.post(
        url, {"participant": member.pk, "present": "1"}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.json() == {"participant": member.pk, "present": True, "present_count": 1}
    # A repeated tap changes nothing and adds no history.
    client.post(url, {"participant": member.pk, "present": "1"}, HTTP_X_REQUESTED_WITH="fetch")
    co = make_facilitator(name="Co Facilitator")
    session.cohort.facilitators.add(co)
    client.force_login(co)
    response = client.post(url, {"participant": member.pk, "present": "0"})  # no-JS form
    assert response.status_code == 302
    attendance = Attendance.objects.get()
    assert attendance.present is False and attendance.marked_by == co
    assert [(c.present, c.changed_by.name) for c in AttendanceChange.objects.all()] == [
        (True, facilitator.name),
        (False, "Co Facilitator"),
    ]
    html = client.get(f"/en/learning/sessions/{session.pk}/").content.decode()
    assert "History of changes" in html and "Co Facilitator" in html


def test_mark_everyone_present_then_untick(
    client, session, cohort, member, facilitator, make_participant
):
    others = [make_participant() for _ in range(3)]
    for person in others:
        services.enrolment_create(cohort=cohort, participant=person)
    client.force_login(facilitator)
    client.post(f"/en/learning/sessions/{session.pk}/everyone/")
    assert Attendance.objects.filter(present=True).count() == 4
    client.post(
        f"/en/learning/sessions/{session.pk}/mark/", {"participant": others[0].pk, "present": "0"}
    )
    assert Attendance.objects.filter(present=True).count() == 3
    client.post(f"/en/learning/sessions/{session.pk}/everyone/")
    assert Attendance.objects.filter(present=True).count() == 4
    assert Attendance.objects.count() == 4


def test_bad_participant_value_is_a_message(client, session, facilitator):
    client.force_login(facilitator)
    response = client.post(
        f"/en/learning/sessions/{session.pk}/mark/", {"participant": "abc", "present": "1"}
    )
    assert response.status_code == 302
    assert not Attendance.objects.exists()
