"""Work sent from the phone's outbox (cms/static/cms/outbox.js), as the server sees it.

The phone gives every action an id and the time the person acted, and may send it any number
of times (a replay after a lost answer, Background Sync, a second tab). PostgreSQL's unique
constraints make a replay apply once; the time is kept, within bounds, and a refused time
changes nothing.
"""

import datetime as dt
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import (
    Attendance,
    AttendanceChange,
    LessonCompletion,
    Reflection,
    Submission,
)
from tests.learning.test_concurrency import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
# Races need threads with their own connections, which see only committed rows.
racing = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def session(cohort, facilitator):
    return services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Lokakarya hari 1",
        starts_at=timezone.now() - dt.timedelta(minutes=30),
    )


def tap(client, session, participant, *, present="1", client_id=None, acted_at=None, **extra):
    data = {"participant": participant.pk, "present": present}
    if client_id is not None:
        data["client_id"] = str(client_id)
    if acted_at is not None:
        data["acted_at"] = acted_at if isinstance(acted_at, str) else iso(acted_at)
    data.update(extra)
    return client.post(reverse("learning:register_mark", args=[session.pk]), data, **FETCH)


# --- a replay applies once -----------------------------------------------------------------------


def test_a_tap_sent_three_times_is_one_change_kept_at_its_time(session, member, facilitator):
    client = client_for(facilitator)
    tapped_at = (timezone.now() - dt.timedelta(minutes=7)).replace(microsecond=0)
    tap_id = uuid.uuid4()
    for _ in range(3):
        response = tap(client, session, member, client_id=tap_id, acted_at=tapped_at)
        assert response.status_code == 200, response.content
        assert response.json()["present"] is True
    attendance = Attendance.objects.get(session=session, participant=member)
    assert attendance.present is True
    assert attendance.marked_at == tapped_at
    changes = AttendanceChange.objects.filter(attendance=attendance)
    assert [(c.present, c.changed_at, c.client_id) for c in changes] == [(True, tapped_at, tap_id)]


def test_an_older_tap_arriving_late_does_not_overwrite_a_newer_one(session, member, facilitator):
    client = client_for(facilitator)
    now = timezone.now()
    newer, older = now - dt.timedelta(minutes=2), now - dt.timedelta(minutes=10)
    assert tap(client, session, member, present="0", client_id=uuid.uuid4(), acted_at=newer)
    older_id = uuid.uuid4()
    for _ in range(3):
        assert tap(client, session, member, present="1", client_id=older_id, acted_at=older)
    attendance = Attendance.objects.get(session=session, participant=member)
    assert attendance.present is False
    # Both taps are in the history, in the order they were made.
    history = list(AttendanceChange.objects.filter(attendance=attendance))
    assert [c.present for c in history] == [True, False]


@racing
def test_two_sends_of_one_tap_at_once_are_one_change(session, member, facilitator):
    # A later "absent" is there already, so each send of the earlier "present" would add a
    # line to the history if the id did not stop it.
    tap(client_for(facilitator), session, member, present="0")
    tap_id = uuid.uuid4()
    tapped_at = timezone.now() - dt.timedelta(minutes=3)

    def send(i):
        return tap(client_for(facilitator), session, member, client_id=tap_id, acted_at=tapped_at)

    results, errors = race(send, n=2)
    assert errors == [None, None]
    assert [r.status_code for r in results] == [200, 200]
    assert AttendanceChange.objects.filter(client_id=tap_id).count() == 1
    assert AttendanceChange.objects.count() == 2
    assert Attendance.objects.get(session=session, participant=member).present is False


@racing
def test_two_sends_of_one_submission_at_once_are_one_version(member, make_assignment, cohort):
    assignment = make_assignment(cohort)
    work_id = uuid.uuid4()
    url = reverse("learning:assignment", args=[assignment.pk])
    written_at = iso(timezone.now() - dt.timedelta(hours=1))

    def send(i):
        data = {"text": "Warung saya", "client_id": str(work_id), "acted_at": written_at}
        return client_for(member).post(url, data, **FETCH)

    results, errors = race(send, n=2)
    assert errors == [None, None]
    assert [r.status_code for r in results] == [200, 200], [r.content for r in results]
    assert all(r.json()["sent"] for r in results)
    assert Submission.objects.filter(participant=member).count() == 1
    # And a third send, after the first is waiting for review, is still "sent", not refused.
    again = client_for(member).post(
        url, {"text": "Warung saya", "client_id": str(work_id), "acted_at": written_at}, **FETCH
    )
    assert again.status_code == 200 and again.json()["sent"]
    assert Submission.objects.filter(participant=member).count() == 1


def test_a_submission_written_offline_keeps_its_time_and_is_not_late(
    member, make_assignment, cohort
):
    assignment = make_assignment(cohort, due_in=dt.timedelta(hours=-1))
    written_at = (timezone.now() - dt.timedelta(hours=3)).replace(microsecond=0)
    response = client_for(member).post(
        reverse("learning:assignment", args=[assignment.pk]),
        {"text": "Ditulis di bus", "client_id": str(uuid.uuid4()), "acted_at": iso(written_at)},
        **FETCH,
    )
    assert response.status_code == 200, response.content
    submission = Submission.objects.get(participant=member)
    assert submission.submitted_at == written_at
    assert submission.is_late is False


def test_mark_done_and_reflection_replayed_apply_once(programme, member):
    lesson = programme["lessons"]["internalisation"][0]
    client = client_for(member)
    done_id, answer_id = uuid.uuid4(), uuid.uuid4()
    acted = (timezone.now() - dt.timedelta(hours=2)).replace(microsecond=0)
    for _ in range(3):
        done = client.post(
            reverse("learning:lesson_done", args=[lesson.pk]),
            {"client_id": str(done_id), "acted_at": iso(acted)},
            **FETCH,
        )
        assert done.status_code == 200
        saved = client.post(
            reverse("learning:reflection_save", args=[lesson.pk]),
            {"position": 0, "answer": "Untuk anak", "client_id": str(answer_id)},
            **FETCH,
        )
        assert saved.status_code == 200 and saved.json()["saved"]
    completion = LessonCompletion.objects.get(participant=member)
    assert (completion.client_id, completion.completed_at) == (done_id, acted)
    reflection = Reflection.objects.get(participant=member)
    assert (reflection.answer, reflection.client_id) == ("Untuk anak", answer_id)


def test_an_older_reflection_arriving_late_does_not_overwrite_a_newer_one(programme, member):
    lesson = programme["lessons"]["internalisation"][0]
    client = client_for(member)
    url = reverse("learning:reflection_save", args=[lesson.pk])
    now = timezone.now()
    for answer, ago in (("baru", 1), ("lama", 30)):
        data = {
            "position": 0,
            "answer": answer,
            "client_id": str(uuid.uuid4()),
            "acted_at": iso(now - dt.timedelta(minutes=ago)),
        }
        assert client.post(url, data, **FETCH).status_code == 200
    assert Reflection.objects.get(participant=member).answer == "baru"


# --- times out of bounds are refused, with a message, and change nothing -----------------------


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (lambda s: timezone.now() + dt.timedelta(minutes=10), "in the future"),
        (lambda s: timezone.now() - dt.timedelta(days=15), "more than 14 days ago"),
        (lambda s: s.starts_at - dt.timedelta(days=1), "outside the day"),
        (lambda s: "2026-13-45T99:00:00Z", "cannot read"),
        (lambda s: "0001-01-01T00:00:00Z", "cannot read"),
    ],
    ids=["future", "too-old", "other-day", "garbage", "year-1"],
)
def test_a_tap_at_an_impossible_time_is_refused(session, member, facilitator, when, message):
    response = tap(
        client_for(facilitator), session, member, client_id=uuid.uuid4(), acted_at=when(session)
    )
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert not Attendance.objects.filter(session=session).exists()
    assert not AttendanceChange.objects.exists()


def test_a_lesson_done_too_long_ago_is_refused_and_nothing_changes(programme, member):
    lesson = programme["lessons"]["internalisation"][0]
    response = client_for(member).post(
        reverse("learning:lesson_done", args=[lesson.pk]),
        {"client_id": str(uuid.uuid4()), "acted_at": iso(timezone.now() - dt.timedelta(days=20))},
        **FETCH,
    )
    assert response.status_code == 400
    assert "14 days" in response.json()["error"]
    assert not LessonCompletion.objects.exists()


def test_a_malformed_client_id_is_refused(session, member, facilitator):
    response = tap(
        client_for(facilitator), session, member, client_id="not-a-uuid-at-all-xxxxxxxxx"
    )
    assert response.status_code == 400
    assert not Attendance.objects.exists()


# --- never as someone else --------------------------------------------------------------------


def test_work_queued_by_another_person_is_not_applied(session, member, facilitator):
    response = tap(
        client_for(facilitator),
        session,
        member,
        client_id=uuid.uuid4(),
        outbox_user=str(facilitator.pk + 1000),
    )
    assert response.status_code == 409
    assert response.json()["keep"] is True
    assert not Attendance.objects.exists()


def test_the_form_without_javascript_still_works(session, member, facilitator):
    response = client_for(facilitator).post(
        reverse("learning:register_mark", args=[session.pk]),
        {"participant": member.pk, "present": "1"},
    )
    assert response.status_code == 302
    assert Attendance.objects.get(session=session, participant=member).present is True
