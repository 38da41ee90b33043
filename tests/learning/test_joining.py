"""Joining a cohort late (issue 17): a newcomer is told once about the work with time left,
never about overdue work; an enrolled person is asked once for the details they lack."""

import datetime as dt

import pytest
from django.urls import reverse

from learning import notices as learning_rules
from learning import services as learning
from learning.models import AssignmentRecipient
from notifications.models import Notification, Reminder

pytestmark = pytest.mark.django_db


def test_a_newcomer_gets_one_message_for_open_work_and_none_for_overdue(
    cohort, make_assignment, make_participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_assignment(cohort, title="Foto usaha", due_in=dt.timedelta(days=3))
        make_assignment(cohort, title="Rencana modal", due_in=dt.timedelta(days=5))
        overdue = make_assignment(cohort, title="Tugas lama", due_in=dt.timedelta(days=3))
    overdue.__class__.objects.filter(pk=overdue.pk).update(
        due_at=overdue.due_at - dt.timedelta(days=10)
    )
    newcomer = make_participant(name="Siti Baru", preferred_language="en")

    with django_capture_on_commit_callbacks(execute=True):
        learning.enrolment_create(cohort=cohort, participant=newcomer)

    # every open assignment is on their list, the overdue one too (late work is still welcome)
    assert AssignmentRecipient.objects.filter(participant=newcomer).count() == 3
    told = Notification.objects.filter(recipient=newcomer)
    kinds = list(told.values_list("kind", flat=True))
    assert kinds.count(learning_rules.ASSIGNED_ON_JOINING) == 1
    assert learning_rules.ASSIGNED not in kinds
    [message] = told.filter(kind=learning_rules.ASSIGNED_ON_JOINING)
    assert "Kelompok Selong" in message.title
    assert message.body.startswith("2 to do: Foto usaha, Rencana modal.")
    assert "Tugas lama" not in message.body
    assert message.url == "/en/learning/assignments/"
    # and the 24-hour reminders for the two with time left, none for the overdue one
    assert Reminder.objects.filter(recipient=newcomer).count() == 2


def test_one_open_assignment_reads_as_one_new_assignment(
    cohort, make_assignment, make_participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_assignment(cohort, title="Foto usaha")
    newcomer = make_participant(name="Siti Baru")
    with django_capture_on_commit_callbacks(execute=True):
        learning.enrolment_create(cohort=cohort, participant=newcomer)
    assert list(Notification.objects.filter(recipient=newcomer).values_list("kind", flat=True)) == [
        learning_rules.ASSIGNED
    ]


def test_only_overdue_work_sends_nothing(
    cohort, make_assignment, make_participant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = make_assignment(cohort, title="Tugas lama")
    old.__class__.objects.filter(pk=old.pk).update(due_at=old.due_at - dt.timedelta(days=10))
    newcomer = make_participant(name="Siti Baru")
    with django_capture_on_commit_callbacks(execute=True):
        learning.enrolment_create(cohort=cohort, participant=newcomer)
    assert not Notification.objects.filter(recipient=newcomer).exists()


def test_an_imported_person_without_details_is_asked_once(client, cohort, facilitator):
    outcome = learning.participant_enrol_by_mobile(
        cohort=cohort, by=facilitator, mobile="+6281277770001", name="Wati Impor"
    )
    person = outcome.person
    person.set_password("keripik-pisang-99")
    person.save()
    login = reverse("accounts:login")
    response = client.post(login, {"username": "0812 7777 0001", "password": "keripik-pisang-99"})
    assert response.status_code == 302
    assert "/accounts/profile/?next=" in response.url
    page = client.get(response.url)
    assert page.status_code == 200
    # only what is missing is asked, each optional
    form = page.context["form"]
    assert set(form.fields) == {"sex", "age_band", "district"}
    assert not any(field.required for field in form.fields.values())
    response = client.post(
        response.url, {"sex": "female", "age_band": "35_44", "district": "", "next": "/en/"}
    )
    assert response.status_code == 302 and response.url == "/en/"
    person.refresh_from_db()
    assert (person.sex, person.age_band, person.district) == ("female", "35_44", "")
    assert person.profile_asked_at is not None
    # asked once: the next sign-in goes straight on
    client.logout()
    response = client.post(login, {"username": "081277770001", "password": "keripik-pisang-99"})
    assert "/accounts/profile/" not in response.url


def test_skipping_keeps_nothing_and_is_not_asked_again(client, cohort, facilitator):
    person = learning.participant_enrol_by_mobile(
        cohort=cohort, by=facilitator, mobile="+6281277770002", name="Wati Impor", sex="female"
    ).person
    client.force_login(person)
    url = reverse("accounts:profile_details")
    assert set(client.get(url).context["form"].fields) == {"age_band", "district"}
    response = client.post(url, {"skip": "1", "age_band": "35_44", "next": "//evil.example/"})
    assert response.status_code == 302 and not response.url.startswith("//")
    person.refresh_from_db()
    assert person.age_band == "" and person.profile_asked_at is not None
