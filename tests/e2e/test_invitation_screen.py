"""The invitation to join a cohort, at phone size (360×740): it fits the screen, joining takes
one tap, and a screenshot is kept for looking at."""

import datetime as dt

import pytest

from learning import services
from learning.models import CohortInvitation, Enrolment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_accepting_an_invitation_on_a_phone(live_server, browser, artifacts_dir, make_user):
    facilitator = make_user("facilitators", "081344440001", name="Fajar Fasilitator")
    person = make_user("participants", "081344440002", name="Sari Peserta")
    cohort = services.cohort_create(
        name="Kelompok Selong",
        district="lombok_timur",
        start_date=dt.date(2026, 1, 10),
        facilitators=[facilitator],
        join_code="SELONG",
    )
    services.participant_enrol(cohort=cohort, by=facilitator, participant=person)
    invitation = CohortInvitation.objects.get()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    try:
        base = live_server.url
        page.goto(f"{base}/id/accounts/login/")
        page.fill("input[name=username]", "081344440002")
        page.fill("input[name=password]", "a-Strong-pass-123")
        page.click("form.form button[type=submit]")
        page.wait_for_load_state()
        response = page.goto(f"{base}/id/learning/invitations/{invitation.pk}/")
        assert response.status == 200
        assert page.evaluate("document.documentElement.scrollWidth") <= 362
        page.screenshot(path=str(artifacts_dir / "learning-invitation.png"), full_page=True)
        page.click("button[value=accept]")
        page.wait_for_load_state()
        assert Enrolment.objects.filter(cohort=cohort, participant=person).exists()
    finally:
        context.close()
