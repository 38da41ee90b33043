"""Invitations instead of passwords (issue 15): someone a facilitator enrols gets a message with a
one-time link and a code, chooses their own password and is in the cohort. Nobody else ever
reads or sets it."""

import datetime as dt
import re

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.utils import timezone

from cms.models import User
from learning import notices, services
from learning.models import CohortInvitation, Enrolment

pytestmark = pytest.mark.django_db

NEW_MOBILE = "0812 9999 0101"
PASSWORD = "Sungai-Biru-2026"


@pytest.fixture
def invite(received, facilitator, cohort, django_capture_on_commit_callbacks):
    """The facilitator enrols a new number; returns (person, message)."""

    def go(mobile=NEW_MOBILE, name="Wati Baru", **details):
        staff = Client()
        staff.force_login(facilitator)
        with django_capture_on_commit_callbacks(execute=True):
            response = staff.post(
                f"/en/learning/cohorts/{cohort.pk}/enrol/",
                {"mobile": mobile, "name": name, "sex": "female", **details},
                follow=True,
            )
        assert "a link to choose their password" in response.content.decode()
        person = User.objects.get(name=name)
        return person, received.last_message_to(person, notices.INVITATION_LINK)

    return go


def _path(message) -> str:
    """The link in the WhatsApp message: absolute, to the site."""
    assert message.link.startswith("http://testserver/id/learning/invited/"), message.link
    return message.path


def _set_password(client, password=PASSWORD):
    return client.post(
        "/en/learning/invited/accept/",
        {"new_password1": password, "new_password2": password, "answer": "accept"},
    )


def test_the_link_lets_the_person_choose_a_password_and_join_once(client, invite, cohort):
    person, message = invite()
    assert not person.has_usable_password()
    assert not Enrolment.objects.filter(participant=person).exists()
    assert message.channel == "whatsapp" and message.to == "+6281299990101"
    assert cohort.name in message.text and re.fullmatch(r"\d{6}", message.code())

    response = client.get(_path(message))
    # the token leaves the address bar at once
    assert response.status_code == 302 and response["Location"].endswith("/invited/accept/")
    page = client.get("/en/learning/invited/accept/")
    assert page.status_code == 200 and cohort.name in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]

    # a weak password is refused and changes nothing
    weak = _set_password(client, "12345678")
    assert weak.status_code == 200 and "too common" in weak.content.decode()
    person.refresh_from_db()
    assert not person.has_usable_password()

    response = _set_password(client)
    assert response.status_code == 302
    person.refresh_from_db()
    assert authenticate(username=person.mobile, password=PASSWORD) == person
    enrolment = Enrolment.objects.get(cohort=cohort, participant=person)
    assert enrolment.via == "facilitator"
    assert client.session["_auth_user_id"] == str(person.pk)  # signed in

    # single use: the link and the code are spent
    again = Client().get(_path(message))
    assert again.status_code == 410
    assert "sudah dipakai atau kedaluwarsa" in again.content.decode()
    code = Client().post("/en/learning/invited/", {"mobile": NEW_MOBILE, "code": message.code()})
    assert "not right" in code.content.decode() or "used" in code.content.decode()
    assert CohortInvitation.objects.get(person=person).status == "accepted"


def test_the_code_from_the_sign_in_page_does_the_same(client, invite, cohort):
    person, message = invite()
    login = client.get("/en/accounts/login/").content.decode()
    assert 'href="/en/learning/invited/"' in login
    response = client.post("/en/learning/invited/", {"mobile": NEW_MOBILE, "code": message.code()})
    assert response.status_code == 302
    assert _set_password(client).status_code == 302
    assert Enrolment.objects.filter(cohort=cohort, participant=person).exists()


def test_wrong_codes_are_counted_and_the_sixth_try_is_refused(client, invite):
    person, message = invite()
    right = message.code()
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for _ in range(services.CODE_TRIES):
        response = client.post("/en/learning/invited/", {"mobile": NEW_MOBILE, "code": wrong})
        assert response.status_code == 200
        assert "The number or the code is not right" in response.content.decode() or (
            "Too many wrong codes" in response.content.decode()
        )
    response = client.post("/en/learning/invited/", {"mobile": NEW_MOBILE, "code": right})
    assert "Too many wrong codes" in response.content.decode()
    assert client.get("/en/learning/invited/accept/").status_code == 410
    # an unknown number is answered like a wrong code
    response = Client().post("/en/learning/invited/", {"mobile": "0812 9999 0909", "code": right})
    assert "The number or the code is not right" in response.content.decode()


def test_an_expired_link_is_refused_with_a_clear_message(client, invite):
    person, message = invite()
    CohortInvitation.objects.filter(person=person).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    response = client.get(_path(message))
    assert response.status_code == 410
    assert "Minta fasilitator mengirim undangan lagi" in response.content.decode()
    # even a claim made before it expired is refused at the last step
    person.refresh_from_db()
    assert not person.has_usable_password()


def test_someone_elses_link_is_refused(client, invite, participant):
    person, message = invite()
    client.force_login(participant)
    response = client.get(_path(message))
    assert response.status_code == 403
    assert "Undangan ini untuk akun lain" in response.content.decode()
    assert client.get("/en/learning/invited/accept/").status_code == 410
    assert _set_password(client).status_code == 410
    participant.refresh_from_db()
    assert authenticate(username=participant.mobile, password=PASSWORD) is None
    assert not Enrolment.objects.filter(participant__in=[person, participant]).exists()
    # a made-up token opens nothing
    assert Client().get("/en/learning/invited/" + "x" * 43 + "/").status_code == 410


def test_tokens_and_codes_are_stored_only_as_hashes(invite):
    person, message = invite()
    token = message.path.rstrip("/").rsplit("/", 1)[-1]
    invitation = CohortInvitation.objects.get(person=person)
    stored = " ".join(
        str(v) for v in CohortInvitation.objects.filter(pk=invitation.pk).values()[0].values()
    )
    assert token not in stored and message.code() not in stored
    assert len(invitation.token_hash) == 64 and len(invitation.code_hash) == 64


def test_resend_is_limited_and_replaces_the_link(
    received, client, invite, facilitator, make_facilitator, django_capture_on_commit_callbacks
):
    person, first = invite()
    invitation = CohortInvitation.objects.get(person=person)
    client.force_login(facilitator)
    url = f"/en/learning/invitations/{invitation.pk}/resend/"
    dashboard = client.get(f"/en/learning/cohorts/{invitation.cohort_id}/").content.decode()
    assert "Invited, not yet joined" in dashboard and url in dashboard

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "Wait 10 minutes" in response.content.decode()
    assert received.messages_to(person, notices.INVITATION_LINK) == 1

    for sent in range(2, services.MAX_SENDS + 1):
        CohortInvitation.objects.filter(pk=invitation.pk).update(
            last_sent_at=timezone.now() - services.RESEND_INTERVAL
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, follow=True)
        assert "was sent again" in response.content.decode()
        assert received.messages_to(person, notices.INVITATION_LINK) == sent
    latest = received.last_message_to(person, notices.INVITATION_LINK)
    assert latest.link != first.link
    assert Client().get(first.path).status_code == 410  # the old link stopped working
    CohortInvitation.objects.filter(pk=invitation.pk).update(
        last_sent_at=timezone.now() - services.RESEND_INTERVAL
    )
    response = client.post(url, follow=True)
    assert f"sent {services.MAX_SENDS} times already" in response.content.decode()
    assert received.messages_to(person, notices.INVITATION_LINK) == services.MAX_SENDS

    # someone else's facilitator cannot
    outsider = Client()
    outsider.force_login(make_facilitator(name="Not Theirs"))
    assert outsider.post(url).status_code == 404
    # the newest link still works
    fresh = Client()
    assert fresh.get(latest.path).status_code == 302
    assert _set_password(fresh).status_code == 302


def test_no_page_shows_or_sets_a_password_for_someone_else(client, facilitator, cohort, invite):
    person, _message = invite()
    client.force_login(facilitator)
    page = client.get(f"/en/learning/cohorts/{cohort.pk}/").content.decode()
    assert "password" not in page.lower()
    assert (
        client.post(
            f"/en/learning/cohorts/{cohort.pk}/participants/{person.pk}/password/"
        ).status_code
        == 404
    )


def test_the_link_and_code_are_not_listed_in_the_inbox(client, invite):
    person, message = invite()
    person.set_password(PASSWORD)
    person.save()
    client.force_login(person)
    inbox = client.get("/en/notifications/").content.decode()
    assert message.code() not in inbox and message.path not in inbox


def test_after_choosing_a_password_the_missing_details_are_asked_once(client, invite):
    """Like signing in: enrolled with only their sex, the person is asked age band and district
    before going home; their answers are kept."""
    person, message = invite()
    client.get(_path(message))
    response = _set_password(client)
    assert response.status_code == 302
    assert response["Location"] == "/id/accounts/profile/?next=%2Fid%2F"
    page = client.get(response["Location"])
    assert set(page.context["form"].fields) == {"age_band", "district"}
    answered = client.post(
        response["Location"], {"age_band": "25_34", "district": "lombok_timur", "next": "/id/"}
    )
    assert answered.status_code == 302 and answered["Location"] == "/id/"
    person.refresh_from_db()
    assert (person.age_band, person.district) == ("25_34", "lombok_timur")


def test_with_every_detail_given_the_person_goes_straight_home(client, invite):
    _person, message = invite(age_band="25_34", district="lombok_timur")
    client.get(_path(message))
    response = _set_password(client)
    assert response.status_code == 302 and response["Location"] == "/id/"
