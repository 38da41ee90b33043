"""The screens changed for issue 17, at 360×740: each fits the phone (no sideways scroll) and is
kept as a screenshot in tests/artifacts/ to look at. The password page, the inbox with a
withdrawn notice, a lesson's reflection form, a past booking on the expert's page, and the
admin's clinic sessions."""

import datetime as dt

import pytest
from django.utils import timezone

from coaching import services
from coaching.models import ClinicSession
from tests.support.browser import sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _look(page, url, artifacts_dir, name):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(artifacts_dir / f"fix-places-{name}-phone.png"), full_page=True)
    width = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= 360, (name, width)
    return page


def test_changed_screens_fit_the_phone(
    live_server,
    browser,
    artifacts_dir,
    member,
    programme,
    expert_profile,
    make_session,
    manager,
    django_capture_on_commit_callbacks,
):
    base = live_server.url
    lesson = programme["lessons"]["internalisation"][0]  # has a reflection question
    session = make_session(expert_profile, capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_create(participant=member, session=session).booking
        services.booking_cancel(by=member, booking=booking)
    past = make_session(expert_profile, start_in=dt.timedelta(days=4), capacity=3)
    past_booking = services.booking_create(participant=member, session=past).booking
    start = timezone.now() - dt.timedelta(days=2)
    ClinicSession.objects.filter(pk=past.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )

    def phone_for(user):
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            is_mobile=True,
            has_touch=True,
            locale="id-ID",
        )
        sign_in_by_cookie(context, base, user)
        return context, context.new_page()

    context, page = phone_for(member)
    try:
        _look(page, f"{base}/id/accounts/password/", artifacts_dir, "password")
        page.fill("input[name=old_password]", "a-Strong-pass-123")
        page.fill("input[name=new_password1]", "12345")
        page.fill("input[name=new_password2]", "12345")
        with page.expect_navigation():
            page.click("form.form button[type=submit]")
        page.screenshot(path=str(artifacts_dir / "fix-places-password-errors-phone.png"))
        assert page.locator(".error").count() >= 1
        inbox = _look(page, f"{base}/id/notifications/", artifacts_dir, "inbox-withdrawn")
        assert inbox.locator("li.withdrawn s").count() == 1
        shown = _look(page, base + lesson.url, artifacts_dir, "lesson-reflection")
        assert shown.locator("form.reflection-form textarea").count() == 1
    finally:
        context.close()

    context, page = phone_for(expert_profile.user)
    try:
        _look(
            page,
            f"{base}/id/coaching/expert/bookings/{past_booking.pk}/",
            artifacts_dir,
            "expert-past-booking",
        )
        assert page.locator("form[action*='/cancel/']").count() == 0
    finally:
        context.close()

    context, page = phone_for(manager)
    try:
        admin = _look(page, f"{base}/admin/coaching/sessions/", artifacts_dir, "admin-sessions")
        assert admin.locator("text=WITA").count() + admin.locator("text=WIB").count() >= 1
    finally:
        context.close()
