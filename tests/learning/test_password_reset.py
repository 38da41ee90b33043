"""The facilitator's temporary password: only for a new account the cohort brought in that has
never been used (never signed in, in no other cohort, no staff role), and recorded."""

import re

import pytest
from django.contrib.auth import authenticate
from wagtail.models import ModelLogEntry

from cms.models import User
from learning import services
from learning.audit import TEMPORARY_PASSWORD_ACTION

pytestmark = pytest.mark.django_db


def _url(cohort, participant):
    return f"/en/learning/cohorts/{cohort.pk}/participants/{participant.pk}/password/"


def _enrol_new(cohort, facilitator, mobile="085711112222"):
    outcome = services.participant_enrol_by_mobile(
        cohort=cohort,
        by=facilitator,
        name="Imported Person",
        mobile=mobile,
        sex="female",
        age_band="25_34",
        district="lombok_timur",
        migrant_status="family",
    )
    assert outcome.result == "enrolled"
    return outcome.person


def _password(response) -> str:
    return re.search(
        r'class="card temp-password"[^>]*><strong>([^<]+)</strong>', response.content.decode()
    ).group(1)


def test_a_new_account_gets_a_first_password_and_who_gave_it_is_recorded(
    client, facilitator, cohort, manager
):
    imported = _enrol_new(cohort, facilitator)
    assert not imported.has_usable_password()

    client.force_login(facilitator)
    page = client.get(f"/en/learning/cohorts/{cohort.pk}/participants/{imported.pk}/")
    assert "Make a first password" in page.content.decode()
    response = client.post(_url(cohort, imported))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    password = _password(response)
    assert len(password) == 14
    assert authenticate(username="+6285711112222", password=password) == imported

    # a second one, before the person has signed in, replaces the first
    second = client.post(_url(cohort, imported))
    assert password not in second.content.decode()
    assert authenticate(username="+6285711112222", password=password) is None

    entries = ModelLogEntry.objects.filter(action=TEMPORARY_PASSWORD_ACTION)
    assert entries.count() == 2
    assert {entry.user_id for entry in entries} == {facilitator.pk}
    assert entries.first().data["participant"] == imported.pk
    # managers read it in the admin's site history (in their language: Indonesian here)
    client.force_login(manager)
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Fasilitator memberi peserta ini kata sandi sementara" in history


def test_no_password_for_someone_who_has_signed_in(client, facilitator, cohort):
    imported = _enrol_new(cohort, facilitator)
    client.force_login(facilitator)
    password = _password(client.post(_url(cohort, imported)))
    # the person signs in with it and chooses their own
    client.logout()
    assert (
        client.post(
            "/en/accounts/login/", {"username": "085711112222", "password": password}
        ).status_code
        == 302
    )
    imported.refresh_from_db()
    assert imported.last_login is not None
    before = imported.password

    client.force_login(facilitator)
    page = client.get(f"/en/learning/cohorts/{cohort.pk}/participants/{imported.pk}/")
    assert "Make a first password" not in page.content.decode()
    assert client.post(_url(cohort, imported)).status_code == 404
    imported.refresh_from_db()
    assert imported.password == before


def test_no_password_for_someone_in_another_cohort_too(
    client, facilitator, cohort, other_cohort, manager
):
    imported = _enrol_new(cohort, facilitator)
    services.enrolment_create(cohort=other_cohort, participant=imported)
    for user in (facilitator, other_cohort.facilitators.get()):
        client.force_login(user)
        assert client.post(_url(cohort, imported)).status_code == 404
        assert client.post(_url(other_cohort, imported)).status_code == 404
    imported.refresh_from_db()
    assert not imported.has_usable_password()


def test_only_the_cohorts_facilitators_and_managers_may(
    client, facilitator, make_facilitator, manager, cohort, other_cohort, make_participant
):
    imported = _enrol_new(cohort, facilitator)
    outsider = make_facilitator(name="Not Theirs")
    stranger = make_participant()
    for user in (None, stranger, outsider):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.post(_url(cohort, imported))
        assert response.status_code in (302, 404), user
        imported.refresh_from_db()
        assert not imported.has_usable_password()
    # the person is not in the other cohort: its facilitators cannot reach them through it
    client.force_login(other_cohort.facilitators.get())
    assert client.post(_url(other_cohort, imported)).status_code == 404
    # GET changes nothing
    client.force_login(facilitator)
    assert client.get(_url(cohort, imported)).status_code == 405
    imported.refresh_from_db()
    assert not imported.has_usable_password()
    client.force_login(manager)
    assert client.post(_url(cohort, imported)).status_code == 200


def test_staff_accounts_are_never_reset_from_a_cohort(
    client, facilitator, cohort, make_facilitator, make_user
):
    colleague = make_facilitator(name="Colleague")
    # a manager whose is_staff flag is off (an account from before the flag followed the
    # groups): still staff by role group
    boss = make_user("programme managers", "081322220009", name="Boss")
    User.objects.filter(pk=boss.pk).update(is_staff=False)
    boss.refresh_from_db()
    assert not boss.is_staff
    for person in (colleague, boss):
        services.enrolment_create(cohort=cohort, participant=person)
        before = person.password
        client.force_login(facilitator)
        assert client.post(_url(cohort, person)).status_code == 404
        person.refresh_from_db()
        assert person.password == before
