"""In headless Chromium at phone size (360×740): book, download the calendar file, cancel, the
waitlisted participant is promoted; the expert marks attendance and writes a note with a
follow-up task that appears in the participant's assignments."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from coaching import services
from coaching.models import Booking, ClinicSession
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LINK = "https://meet.example.org/klinik-e2e"


def shot(page, artifacts_dir, name):
    page.screenshot(path=str(artifacts_dir / f"coaching-{name}.png"), full_page=True)


def no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 362


def test_book_calendar_cancel_promote_attend_note_follow_up(
    live_server,
    browser,
    artifacts_dir,
    expert_profile,
    make_session,
    make_participant,
    tmp_path,
):
    base = live_server.url
    ani = make_participant(name="Ani Lombok", district="lombok_timur", time_zone="Asia/Makassar")
    budi = make_participant(name="Budi Wonosobo", district="wonosobo", time_zone="Asia/Jakarta")
    session = make_session(
        expert_profile, capacity=1, title="Klinik modal usaha", meeting_link=LINK
    )
    make_session(
        expert_profile,
        start_in=dt.timedelta(days=5),
        capacity=6,
        mode="in_person",
        place="Balai Desa Selong",
        meeting_link="",
    )

    def context():
        return browser.new_context(
            viewport={"width": 360, "height": 740},
            device_scale_factor=1,
            is_mobile=True,
            has_touch=True,
            locale="id-ID",
            accept_downloads=True,
        )

    ani_ctx, budi_ctx, expert_ctx = context(), context(), context()
    try:
        # Ani finds the clinic and books the only seat.
        a = ani_ctx.new_page()
        sign_in(a, base, ani)
        a.goto(f"{base}/id/coaching/")
        assert a.locator("article.clinic").count() == 2
        assert "WITA" in a.inner_text("article.clinic >> nth=0")  # the zone of its times
        no_horizontal_scroll(a)
        shot(a, artifacts_dir, "1-list")
        a.click(f"a[href='/id/coaching/{session.pk}/']")
        assert LINK not in a.content()
        a.click(".book-form button")
        a.wait_for_load_state()
        assert a.locator(".booking-state .tag-ok").count() == 1, a.content()[:3000]
        assert a.locator("a.meeting-link").get_attribute("href") == LINK
        no_horizontal_scroll(a)
        shot(a, artifacts_dir, "2-booked")

        # The calendar file parses back, in Ani's zone.
        with a.expect_download() as info:
            a.click("a[href$='calendar.ics']")
        path = tmp_path / "klinik.ics"
        info.value.save_as(path)
        event = Calendar.from_ical(path.read_bytes()).walk("VEVENT")[0]
        booking = Booking.objects.get(participant=ani, session=session)
        assert str(event["UID"]) == f"clinic-booking-{booking.uid}@berdaya.id"
        assert str(event["STATUS"]) == "CONFIRMED"
        assert event["DTSTART"].params["TZID"] == "Asia/Makassar"

        # Budi finds it full and joins the waitlist.
        b = budi_ctx.new_page()
        sign_in(b, base, budi)
        b.goto(f"{base}/id/coaching/{session.pk}/")
        b.click(".book-form button")
        b.wait_for_selector(".booking-state .tag-warn")
        assert "1" in b.inner_text(".booking-state .tag-warn")
        assert LINK not in b.content()
        shot(b, artifacts_dir, "3-waitlist")

        # Ani cancels; Budi is promoted.
        a.click(".booking-state form button")
        a.wait_for_selector(".book-form, .msg-success")
        assert Booking.objects.get(pk=booking.pk).is_cancelled
        b.goto(f"{base}/id/coaching/my/")
        b.wait_for_selector(".tag-ok")
        shot(b, artifacts_dir, "4-promoted")
        b.goto(f"{base}/id/coaching/{session.pk}/")
        assert b.locator("a.meeting-link").get_attribute("href") == LINK

        # After the clinic, the expert marks attendance and writes a note and a follow-up.
        ClinicSession.objects.filter(pk=session.pk).update(
            starts_at=timezone.now() - dt.timedelta(hours=2),
            ends_at=timezone.now() - dt.timedelta(hours=1),
        )
        e = expert_ctx.new_page()
        sign_in(e, base, expert_profile.user)
        e.goto(f"{base}/id/coaching/expert/")
        e.click(f"a[href='/id/coaching/expert/sessions/{session.pk}/']")
        budi_booking = Booking.objects.get(participant=budi, session=session)
        e.check(f"input[name='attendance-{budi_booking.pk}'][value='attended']")
        e.click("form.roster button[type=submit]")
        e.wait_for_selector(".msg-success")
        no_horizontal_scroll(e)
        shot(e, artifacts_dir, "5-attendance")
        budi_booking.refresh_from_db()
        assert budi_booking.attendance == "attended"
        e.click(f"a[href='/id/coaching/expert/bookings/{budi_booking.pk}/'] >> nth=0")
        e.fill("textarea[name='note-text']", "Budi siap mengajukan KUR. Lengkapi NIB dulu.")
        e.click("form:has(input[value=note]) button")
        e.wait_for_selector(".note")
        due = (timezone.localdate() + dt.timedelta(days=7)).isoformat()
        e.fill("input[name='follow-title']", "Urus NIB lewat OSS")
        e.fill("textarea[name='follow-instructions']", "Daftar di oss.go.id, kirim foto NIB.")
        e.fill("input[name='follow-due_day']", due)
        e.fill("input[name='follow-due_time']", "17:00")
        e.click("form:has(input[value=follow_up]) button")
        e.wait_for_selector(".follow-up")
        shot(e, artifacts_dir, "6-note-follow-up")

        # Budi sees the note on his past clinics and the task among his assignments.
        b.goto(f"{base}/id/coaching/my/")
        assert "Lengkapi NIB dulu" in b.inner_text("main")
        shot(b, artifacts_dir, "7-past-with-note")
        b.goto(f"{base}/id/learning/assignments/")
        assert "Urus NIB lewat OSS" in b.inner_text("main")
        shot(b, artifacts_dir, "8-assignments")
    finally:
        for ctx in (ani_ctx, budi_ctx, expert_ctx):
            ctx.close()


def test_same_request_twice_books_once_through_the_page(
    live_server, browser, expert_profile, make_session, make_participant
):
    """A double tap / a retried POST carries the same key: one booking."""
    person = make_participant()
    session = make_session(expert_profile, capacity=3)
    ctx = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = ctx.new_page()
        sign_in(page, live_server.url, person)
        page.goto(f"{live_server.url}/id/coaching/{session.pk}/")
        page.evaluate(
            """() => { const f = document.querySelector('.book-form');
                       const data = new FormData(f);
                       return Promise.all([fetch(f.action, {method: 'POST', body: data}),
                                           fetch(f.action, {method: 'POST', body: data})]); }"""
        )
        assert Booking.objects.filter(participant=person).count() == 1
        session.refresh_from_db()
        assert session.confirmed_count == 1
        assert services.booking_create(participant=person, session=session).created is False
    finally:
        ctx.close()
