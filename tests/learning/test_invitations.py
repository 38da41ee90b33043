"""Joining a cohort needs the person's consent (issue 11, account takeover).

A facilitator who enrols an existing account only sends an invitation: the person sees it in
their inbox and joins by accepting it (or with the join code). Until then the facilitator sees
"invited, not yet joined" and nothing of the person's work.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from learning import services
from learning.models import CohortInvitation, Enrolment
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _enrol_url(cohort):
    return f"/en/learning/cohorts/{cohort.pk}/enrol/"


@pytest.fixture
def elsewhere(make_participant, other_cohort, programme):
    """A participant of the other cohort, with private work there."""
    person = make_participant(name="Sari Elsewhere")
    services.enrolment_create(cohort=other_cohort, participant=person)
    assignment = services.assignment_create(
        created_by=other_cohort.facilitators.get(),
        title="Karawang business plan",
        instructions="Send it.",
        due_at=timezone.now() + dt.timedelta(days=3),
        cohort=other_cohort,
    )
    submission, _ = services.submission_create(
        assignment=assignment,
        participant=person,
        text="Sari's private plan",
        files=[SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    services.reflection_save(
        participant=person,
        lesson=programme["lessons"]["internalisation"][0],
        position=0,
        question="Why?",
        answer="Sari's private reflection",
    )
    return {"person": person, "submission": submission, "file": submission.files.get()}


def test_enrolling_an_existing_account_only_invites_it(
    client, facilitator, cohort, elsewhere, django_capture_on_commit_callbacks
):
    person = elsewhere["person"]
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_enrol_url(cohort), {"mobile": person.mobile}, follow=True)
    assert "they are invited and join when they accept" in response.content.decode()
    assert not Enrolment.objects.filter(cohort=cohort, participant=person).exists()
    invitation = CohortInvitation.objects.get(cohort=cohort, person=person)
    assert invitation.status == "pending" and invitation.invited_by == facilitator

    # the facilitator sees "invited, not yet joined", and nothing of the person's work
    dashboard = client.get(f"/en/learning/cohorts/{cohort.pk}/").content.decode()
    assert "Invited, not yet joined" in dashboard and "Sari Elsewhere" in dashboard
    detail = f"/en/learning/cohorts/{cohort.pk}/participants/{person.pk}/"
    assert client.get(detail).status_code == 404
    assert client.get(f"/en/learning/reviews/{elsewhere['submission'].pk}/").status_code == 404
    assert client.get(f"/en/learning/files/{elsewhere['file'].pk}/").status_code == 404
    assert client.get(f"/en/coaching/participants/{person.pk}/").status_code == 404

    # a second try changes nothing and says so
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(_enrol_url(cohort), {"mobile": person.mobile}, follow=True)
    assert "is invited, not yet joined" in again.content.decode()
    assert CohortInvitation.objects.filter(cohort=cohort, person=person).count() == 1
    assert Notification.objects.filter(recipient=person, kind="cohort_invitation").count() == 1


def test_the_person_accepts_from_their_inbox(
    facilitator, cohort, elsewhere, django_capture_on_commit_callbacks
):
    person = elsewhere["person"]
    with django_capture_on_commit_callbacks(execute=True):
        services.participant_enrol(cohort=cohort, by=facilitator, participant=person)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    inbox = browser.get("/en/notifications/").content.decode()
    assert "Undangan bergabung dengan Kelompok Selong" in inbox  # in the person's language
    notification = Notification.objects.get(recipient=person, kind="cohort_invitation")
    page = browser.get(f"/en/notifications/{notification.pk}/open/", follow=True)
    html = page.content.decode()
    assert "Bergabung dengan Kelompok Selong?" in html and "Fajar Facilitator" in html
    invitation = CohortInvitation.objects.get()
    url = f"/en/learning/invitations/{invitation.pk}/"
    # without the CSRF token nothing happens
    assert browser.post(url, {"answer": "accept"}).status_code == 403
    assert not Enrolment.objects.filter(cohort=cohort, participant=person).exists()
    token = page.context["csrf_token"]
    response = browser.post(url, {"answer": "accept", "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(cohort=cohort, participant=person)
    assert enrolment.via == "invitation" and enrolment.enrolled_by == facilitator
    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    # accepting twice does nothing more
    browser.post(url, {"answer": "accept", "csrfmiddlewaretoken": str(token)})
    assert Enrolment.objects.filter(participant=person).count() == 2


def test_declining_changes_nothing_else(client, facilitator, cohort, elsewhere):
    person = elsewhere["person"]
    services.participant_enrol(cohort=cohort, by=facilitator, participant=person)
    invitation = CohortInvitation.objects.get()
    client.force_login(person)
    assert "You are invited to Kelompok Selong" in client.get("/en/learning/join/").content.decode()
    client.post(f"/en/learning/invitations/{invitation.pk}/", {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not Enrolment.objects.filter(cohort=cohort, participant=person).exists()
    client.force_login(facilitator)
    assert (
        "Invited, not yet joined"
        not in client.get(f"/en/learning/cohorts/{cohort.pk}/").content.decode()
    )
    # a declined invitation cannot be accepted afterwards
    client.force_login(person)
    client.post(f"/en/learning/invitations/{invitation.pk}/", {"answer": "accept"})
    assert not Enrolment.objects.filter(cohort=cohort, participant=person).exists()


def test_nobody_else_answers_an_invitation(
    client, facilitator, cohort, elsewhere, make_participant
):
    services.participant_enrol(cohort=cohort, by=facilitator, participant=elsewhere["person"])
    invitation = CohortInvitation.objects.get()
    url = f"/en/learning/invitations/{invitation.pk}/"
    for user in (make_participant(), facilitator):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"answer": "accept"}).status_code == 404
    client.logout()
    assert client.post(url, {"answer": "accept"}).status_code == 302  # to sign in
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_an_expired_invitation_cannot_be_accepted_and_can_be_sent_again(
    client, facilitator, cohort, elsewhere
):
    person = elsewhere["person"]
    services.participant_enrol(cohort=cohort, by=facilitator, participant=person)
    invitation = CohortInvitation.objects.get()
    CohortInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    client.force_login(person)
    response = client.post(
        f"/en/learning/invitations/{invitation.pk}/", {"answer": "accept"}, follow=True
    )
    assert "no longer open" in response.content.decode()
    assert not Enrolment.objects.filter(cohort=cohort, participant=person).exists()
    outcome = services.participant_enrol(cohort=cohort, by=facilitator, participant=person)
    assert outcome.result == "invited"
    assert CohortInvitation.objects.filter(status="pending").count() == 1


def test_joining_with_the_code_needs_no_invitation(client, cohort, elsewhere):
    client.force_login(elsewhere["person"])
    client.post("/en/learning/join/", {"code": cohort.join_code})
    assert Enrolment.objects.filter(cohort=cohort, participant=elsewhere["person"]).exists()


def test_import_invites_existing_accounts(client, facilitator, cohort, elsewhere):
    person = elsewhere["person"]
    client.force_login(facilitator)
    url = f"/en/learning/cohorts/{cohort.pk}/import/"
    text = f"Nama,No HP\nSari,{person.mobile}\nBaru,081298765432\n"
    upload = SimpleUploadedFile("p.csv", text.encode(), content_type="text/csv")
    preview = client.post(url, {"file": upload}).content.decode()
    assert "will be invited" in preview
    response = client.post(url, {"confirm": "1"}, follow=True)
    assert "2 invited (1 new accounts)" in response.content.decode()
    assert not Enrolment.objects.filter(cohort=cohort).exists()
    existing = CohortInvitation.objects.get(person=person)
    assert not existing.token_hash  # has a password: signs in to answer, no link needed
    new = CohortInvitation.objects.exclude(person=person).get().person
    assert new.mobile == "+6281298765432" and not new.has_usable_password()


def test_staff_made_in_the_admin_can_be_neither_enrolled_nor_invited(
    client, facilitator, cohort, make_user
):
    """The first attack: a manager's number enrolled into a facilitator's cohort."""
    boss = make_user("programme managers", "081322220001", name="Boss")
    client.force_login(facilitator)
    response = client.post(_enrol_url(cohort), {"mobile": boss.mobile})
    assert "staff account" in response.content.decode()
    assert not Enrolment.objects.exists() and not CohortInvitation.objects.exists()


def test_after_joining_the_facilitator_sees_only_what_was_done_in_the_cohort(
    client, facilitator, cohort, elsewhere, programme
):
    person = elsewhere["person"]
    services.participant_enrol(cohort=cohort, by=facilitator, participant=person)
    services.invitation_accept(invitation=CohortInvitation.objects.get(), person=person)
    client.force_login(facilitator)
    detail = client.get(f"/en/learning/cohorts/{cohort.pk}/participants/{person.pk}/")
    html = detail.content.decode()
    assert detail.status_code == 200
    # written before joining, in the other cohort: not shown
    assert "Sari&#x27;s private reflection" not in html and "Sari's private reflection" not in html
    assert "Karawang business plan" not in html
    assert client.get(f"/en/learning/reviews/{elsewhere['submission'].pk}/").status_code == 404
    assert client.get(f"/en/learning/files/{elsewhere['file'].pk}/").status_code == 404
    assert "Karawang business plan" not in client.get("/en/learning/reviews/").content.decode()
    # what they write from now on is shown
    services.reflection_save(
        participant=person,
        lesson=programme["lessons"]["internalisation"][0],
        position=0,
        question="Why?",
        answer="Written after joining Selong",
    )
    html = client.get(f"/en/learning/cohorts/{cohort.pk}/participants/{person.pk}/")
    assert "Written after joining Selong" in html.content.decode()


def test_invitations_to_one_number_are_limited(client, facilitator, cohort, make_user):
    """Enrolling sends a message (an invitation): one number is not flooded with them."""
    person = make_user("participants", "081311110099", name="Invitee")
    client.force_login(facilitator)
    url = f"/en/learning/cohorts/{cohort.pk}/enrol/"
    codes = [client.post(url, {"mobile": person.mobile}).status_code for _ in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    response = client.post(url, {"mobile": person.mobile})
    assert "Too many tries, wait 10 minutes." in response.content.decode()
    assert CohortInvitation.objects.filter(person=person).count() == 1
