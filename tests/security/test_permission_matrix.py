"""The extended permission matrix: participant and staff URLs, every role, allow or deny.

Beside the per-app matrices (tests/learning/test_permissions.py, tests/coaching/
test_permissions.py) this one adds the superuser and staff accounts made through the Wagtail
admin's "add user" form (a role group ticked, ``is_staff`` left to the form): they must get
exactly what the same role gets, no more. None of the admin-made staff runs a cohort or has an
expert profile, so they see the lists of their role but no cohort's or clinic's own pages.

Outcomes: ``ok`` 200, ``go`` a redirect that is not the sign-in page, ``login`` a redirect to a
sign-in page, ``deny`` 403 or 404 (or, in the Wagtail admin, back to its dashboard).
"""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "participant",
    "outsider",
    "facilitator",
    "expert",
    "manager",
    "superuser",
    "admin_facilitator",
    "admin_expert",
    "admin_manager",
]


def row(*outcomes: str) -> dict[str, str]:
    return dict(zip(ROLES, outcomes, strict=True))


#                 anon     part    outs    facil   expert  manag   super   a_fac   a_exp   a_man
EVERYONE = row("login", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok")
PUBLIC = row("ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok")
OWNER_ONLY = row("login", "ok", "deny", "deny", "deny", "deny", "deny", "deny", "deny", "deny")
COHORT_STAFF = row("login", "deny", "deny", "ok", "deny", "ok", "ok", "deny", "deny", "ok")
FACILITATORS = row("login", "deny", "deny", "ok", "deny", "ok", "ok", "ok", "deny", "ok")
REVIEWERS = row("login", "deny", "deny", "ok", "ok", "ok", "ok", "ok", "ok", "ok")
CLINIC_STAFF = row("login", "deny", "deny", "deny", "ok", "ok", "ok", "deny", "deny", "ok")
WHO_SEES_WORK = row("login", "ok", "deny", "ok", "deny", "ok", "ok", "deny", "deny", "ok")
# Pages for people who cannot sign in yet (issue 15): anyone may open them.
SIGNED_OUT = row("ok", "go", "go", "go", "go", "go", "go", "go", "go", "go")
ANYONE = row("ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok")
# Without the step before (a code asked for, a link opened) they send the person back to it.
STEP_BEFORE = row("go", "go", "go", "go", "go", "go", "go", "go", "go", "go")
USED_OR_EXPIRED = row("410", "410", "410", "410", "410", "410", "410", "410", "410", "410")
ADMIN = row("login", "login", "login", "ok", "ok", "ok", "ok", "ok", "ok", "ok")
SENT_ON = row("login", "go", "go", "go", "go", "go", "go", "go", "go", "go")
MANAGERS_ADMIN = row("login", "login", "login", "deny", "deny", "ok", "ok", "deny", "deny", "ok")


def matrix(w) -> list[tuple[str, dict[str, str]]]:
    c, s, a = w["cohort"].pk, w["workshop"].pk, w["assignment"].pk
    sub, f, m = w["submission"].pk, w["file"].pk, w["people"]["participant"].pk
    clinic, booking = w["clinic"].pk, w["booking"]
    return [
        # participants' pages
        ("/id/learning/join/", EVERYONE),
        ("/id/learning/assignments/", EVERYONE),
        (f"/id/learning/assignments/{a}/", OWNER_ONLY),
        (f"/id/learning/files/{f}/", WHO_SEES_WORK),
        (f"/id/learning/files/{f}/preview/", WHO_SEES_WORK),
        ("/id/coaching/", EVERYONE),
        (f"/id/coaching/{clinic}/", EVERYONE),
        ("/id/coaching/my/", EVERYONE),
        (f"/id/coaching/bookings/{booking.uid}/calendar.ics", OWNER_ONLY),
        (f"/id/coaching/participants/{m}/", WHO_SEES_WORK),
        ("/id/notifications/", EVERYONE),
        ("/id/notifications/settings/", EVERYONE),
        (f"/id/notifications/{w['notification'].pk}/open/", {**OWNER_ONLY, "participant": "go"}),
        ("/id/accounts/settings/", EVERYONE),
        # the installable app: the same for everyone (the saved list lives on the phone)
        ("/id/tersimpan/", PUBLIC),
        ("/id/offline/", PUBLIC),
        ("/id/manifest.webmanifest", PUBLIC),
        ("/sw.js", PUBLIC),
        # asks only for what is missing; everyone here has given it, so they are sent on
        ("/id/accounts/profile/", SENT_ON),
        # getting in without a password (issue 15)
        ("/id/accounts/password/forgot/", SIGNED_OUT),
        ("/id/accounts/password/forgot/code/", STEP_BEFORE),
        ("/id/learning/invited/", ANYONE),
        ("/id/learning/invited/accept/", USED_OR_EXPIRED),
        ("/id/learning/invited/" + "x" * 43 + "/", USED_OR_EXPIRED),
        # facilitators' pages
        ("/id/learning/cohorts/", FACILITATORS),
        (f"/id/learning/cohorts/{c}/", COHORT_STAFF),
        (f"/id/learning/cohorts/{c}/enrol/", COHORT_STAFF),
        (f"/id/learning/cohorts/{c}/import/", COHORT_STAFF),
        (f"/id/learning/cohorts/{c}/message/", COHORT_STAFF),
        (f"/id/learning/cohorts/{c}/sessions/new/", COHORT_STAFF),
        (f"/id/learning/cohorts/{c}/assignments/new/", COHORT_STAFF),
        (f"/id/learning/cohorts/{c}/participants/{m}/", COHORT_STAFF),
        (f"/id/learning/sessions/{s}/", COHORT_STAFF),
        ("/id/learning/reviews/", REVIEWERS),
        (f"/id/learning/reviews/{sub}/", COHORT_STAFF),
        # experts' pages
        (f"/id/coaching/expert/sessions/{clinic}/", CLINIC_STAFF),
        (f"/id/coaching/expert/sessions/{clinic}/edit/", CLINIC_STAFF),
        (f"/id/coaching/expert/sessions/{clinic}/cancel/", CLINIC_STAFF),
        (f"/id/coaching/expert/bookings/{booking.pk}/", CLINIC_STAFF),
        # the Wagtail admin
        ("/admin/", ADMIN),
        ("/admin/cohort/", MANAGERS_ADMIN),
        (f"/admin/cohort/edit/{c}/", MANAGERS_ADMIN),
        ("/admin/coaching/sessions/", MANAGERS_ADMIN),
        ("/admin/notifications_paid/", MANAGERS_ADMIN),
        ("/admin/phonemessage/", MANAGERS_ADMIN),
    ]


# The expert's own screens: an expert with a profile, or a manager (who picks the expert).
EXPERT_HOME = row("login", "deny", "deny", "deny", "ok", "ok", "ok", "deny", "deny", "ok")
EXPERT_SCREENS = ["/id/coaching/expert/", "/id/coaching/expert/new/", "/id/coaching/expert/slots/"]


def outcome(response) -> str:
    if response.status_code == 200:
        return "ok"
    if response.status_code in (403, 404):
        return "deny"
    if response.status_code in (301, 302):
        location = response["Location"]
        if "login" in location:
            return "login"
        # Wagtail refuses a screen a staff member may not use by sending them to the admin's
        # dashboard with a "permission denied" message.
        return "deny" if location.split("?")[0] == "/admin/" else "go"
    return str(response.status_code)


@pytest.fixture
def clients(world):
    made = {}
    for role in ROLES:
        client = Client()
        user = world["outsider"] if role == "outsider" else world["people"][role]
        if user is not None:
            client.force_login(user)
        made[role] = client
    return made


def test_admin_made_staff_hold_their_role_and_nothing_else(world):
    people = world["people"]
    for role, group in (
        ("admin_facilitator", "facilitators"),
        ("admin_expert", "experts"),
        ("admin_manager", "programme managers"),
    ):
        user = people[role]
        user.refresh_from_db()
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.is_staff_member and not user.is_superuser and not user.is_participant
    assert not people["participant"].is_staff_member


def test_every_role_gets_what_the_matrix_says(world, clients):
    rows = matrix(world) + [(url, EXPERT_HOME) for url in EXPERT_SCREENS]
    wrong = []
    for url, expected in rows:
        for role in ROLES:
            got = outcome(clients[role].get(url))
            if got != expected[role]:
                wrong.append(f"{role:18} {url}: expected {expected[role]}, got {got}")
    assert not wrong, "\n".join(wrong)


def test_only_the_cohorts_staff_may_send_an_invitation_again(world, clients):
    """The resend is a POST: every role tries it on a fresh invitation; only the cohort's staff
    get it sent (a redirect back to the cohort), everyone else changes nothing."""
    from django.utils import timezone

    from learning import services
    from learning.models import CohortInvitation

    cohort = world["cohort"]
    facilitator = cohort.facilitators.get()
    outcome_, created = services.participant_create_or_get(mobile="081399990123", name="Diundang")
    invitation, _new = services.invitation_send(cohort=cohort, person=outcome_, by=facilitator)
    url = f"/id/learning/invitations/{invitation.pk}/resend/"
    wrong = []
    for role in ROLES:
        CohortInvitation.objects.filter(pk=invitation.pk).update(
            last_sent_at=timezone.now() - services.RESEND_INTERVAL, sends=1
        )
        got = outcome(clients[role].post(url))
        sends = CohortInvitation.objects.get(pk=invitation.pk).sends
        allowed = COHORT_STAFF[role] == "ok"
        expected = "go" if allowed else COHORT_STAFF[role]
        if got != expected or (sends == 2) != allowed:
            wrong.append(f"{role}: expected {expected}, got {got} (sends {sends})")
    assert not wrong, "\n".join(wrong)
