"""A facilitator gives an enrolled (or imported) participant a new password, told in person."""

import re

import pytest
from django.contrib.auth import authenticate

from learning import services


def _url(cohort, participant):
    return f"/en/learning/cohorts/{cohort.pk}/participants/{participant.pk}/password/"


@pytest.mark.django_db
def test_facilitator_makes_a_password_the_participant_can_sign_in_with(client, facilitator, cohort):
    enrolment, _created = services.participant_enrol_by_mobile(
        cohort=cohort,
        by=facilitator,
        name="Imported Person",
        mobile="085711112222",
        sex="female",
        age_band="25_34",
        district="lombok_timur",
        migrant_status="family",
    )
    imported = enrolment.participant
    assert not imported.has_usable_password()

    client.force_login(facilitator)
    response = client.post(_url(cohort, imported))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    password = re.search(
        r'class="card temp-password"[^>]*><strong>([^<]+)</strong>', response.content.decode()
    ).group(1)
    assert len(password) == 14
    assert authenticate(username="+6285711112222", password=password) == imported

    # a second reset replaces the first password
    second = client.post(_url(cohort, imported)).content.decode()
    assert password not in second
    assert authenticate(username="+6285711112222", password=password) is None


@pytest.mark.django_db
def test_only_the_cohorts_facilitators_and_managers_may(
    client, facilitator, make_facilitator, manager, member, cohort, other_cohort, make_participant
):
    before = member.password
    outsider = make_facilitator(name="Not Theirs")
    stranger = make_participant()
    for user in (None, member, stranger, outsider):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.post(_url(cohort, member))
        assert response.status_code in (302, 404), user
        member.refresh_from_db()
        assert member.password == before
    # the participant is not in the other cohort: its facilitators cannot reach them through it
    client.force_login(other_cohort.facilitators.get())
    assert client.post(_url(other_cohort, member)).status_code == 404
    # GET changes nothing
    client.force_login(facilitator)
    assert client.get(_url(cohort, member)).status_code == 405
    member.refresh_from_db()
    assert member.password == before
    client.force_login(manager)
    assert client.post(_url(cohort, member)).status_code == 200


@pytest.mark.django_db
def test_staff_accounts_are_not_reset_from_a_cohort(client, facilitator, cohort, make_facilitator):
    colleague = make_facilitator(name="Colleague")
    services.enrolment_create(cohort=cohort, participant=colleague)
    client.force_login(facilitator)
    assert client.post(_url(cohort, colleague)).status_code == 404
