"""A facilitator's message to the whole cohort (issue 15): everyone enrolled gets it in their inbox
(and push); one marked important also on their own channel; bounded text; a daily cap."""

import datetime as dt

import pytest
from django.test import Client

from learning import notices, services
from learning.models import CohortMessage
from notifications import kinds
from notifications.models import NotificationSettings
from tests.support.messages import inbox_count, inbox_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(cohort, make_participant):
    people = [make_participant(name=f"Anggota {n}") for n in range(3)]
    for person in people:
        services.enrolment_create(cohort=cohort, participant=person)
        # no quiet hours: what reaches their phone does not depend on the hour the test runs
        NotificationSettings.objects.create(
            user=person, quiet_start=dt.time(0), quiet_end=dt.time(0)
        )
    return people


def _send(client, cohort, capture, **data):
    with capture(execute=True):
        return client.post(f"/en/learning/cohorts/{cohort.pk}/message/", data, follow=True)


def test_everyone_enrolled_reads_it_and_important_ones_go_direct(
    received,
    client,
    facilitator,
    cohort,
    members,
    other_cohort,
    make_participant,
    django_capture_on_commit_callbacks,
):
    outsider = make_participant(name="Bukan Anggota")
    services.enrolment_create(cohort=other_cohort, participant=outsider)
    client.force_login(facilitator)
    assert "Message everyone" in client.get(f"/en/learning/cohorts/{cohort.pk}/").content.decode()
    response = _send(
        client, cohort, django_capture_on_commit_callbacks, text="Besok kumpul jam 9 di balai desa."
    )
    assert "sent to 3 participants" in response.content.decode()
    for person in members:
        entry = inbox_message(person, notices.COHORT_MESSAGE)
        assert "Besok kumpul jam 9 di balai desa." in entry.body
        assert facilitator.name in entry.title and cohort.name in entry.title
        # an ordinary message stays in the inbox (and push): nothing on their phone's WhatsApp
        assert received.last_message_to(person, notices.COHORT_MESSAGE) is None
    assert inbox_message(outsider, notices.COHORT_MESSAGE) is None
    assert received.gateway.messages() == []

    _send(
        client,
        cohort,
        django_capture_on_commit_callbacks,
        text="Tempat pindah ke masjid.",
        important="on",
    )
    for person in members:
        message = received.last_message_to(person, notices.COHORT_MESSAGE_IMPORTANT)
        assert message.channel == "whatsapp" and "Tempat pindah ke masjid." in message.text
        assert facilitator.name in message.text
    assert received.last_message_to(outsider, notices.COHORT_MESSAGE_IMPORTANT) is None
    assert len(received.gateway.messages()) == len(members)
    assert kinds.get(notices.COHORT_MESSAGE).reach == "inbox"
    assert kinds.get(notices.COHORT_MESSAGE_IMPORTANT).reach == "direct"


def test_a_daily_cap_per_cohort(
    client, facilitator, cohort, members, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    for n in range(services.MESSAGES_PER_DAY):
        _send(client, cohort, django_capture_on_commit_callbacks, text=f"Pesan {n}")
    response = _send(client, cohort, django_capture_on_commit_callbacks, text="Satu lagi")
    assert "the most there may be" in response.content.decode()
    assert CohortMessage.objects.count() == services.MESSAGES_PER_DAY
    assert inbox_count(members[0], notices.COHORT_MESSAGE) == services.MESSAGES_PER_DAY
    # a day later, one more may go
    CohortMessage.objects.update(
        created_at=CohortMessage.objects.get(text="Pesan 0").created_at - dt.timedelta(days=1)
    )
    response = _send(client, cohort, django_capture_on_commit_callbacks, text="Satu lagi")
    assert "sent to 3 participants" in response.content.decode()


def test_the_text_is_bounded_and_empty_is_refused(client, facilitator, cohort, members):
    client.force_login(facilitator)
    url = f"/en/learning/cohorts/{cohort.pk}/message/"
    for text in ("", "   ", "x" * 501):
        response = client.post(url, {"text": text})
        assert response.status_code == 200
        assert response.context["form"].errors
    assert not CohortMessage.objects.exists()
    assert inbox_count(members[0], notices.COHORT_MESSAGE) == 0


def test_only_the_cohorts_staff_may_send(cohort, members, make_facilitator, manager):
    url = f"/en/learning/cohorts/{cohort.pk}/message/"
    for user in (members[0], make_facilitator(name="Lain")):
        client = Client()
        client.force_login(user)
        assert client.post(url, {"text": "Halo"}).status_code == 404
    assert Client().post(url, {"text": "Halo"}).status_code == 302  # to sign in
    assert not CohortMessage.objects.exists()
    client = Client()
    client.force_login(manager)
    assert client.post(url, {"text": "Halo dari manajer"}).status_code == 302
