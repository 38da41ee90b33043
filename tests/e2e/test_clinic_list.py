"""The clinic list at 360×740 with the demo's month of clinics: an expert's one-to-one slots of
a day are one card with their times as choices (the list used to be 5,700 px of 30-minute
slots), and "only clinics I can book now" leaves out what the person cannot book."""

import pytest

from coaching.demo import load_demo
from coaching.models import Booking, ClinicSession
from tests.support.browser import sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The demo participant "Siti Aminah" (Lombok Timur, WITA).
SITI = "+6281200000001"


def _height(page) -> int:
    return page.evaluate("() => document.scrollingElement.scrollHeight")


def _cards(page) -> int:
    return page.locator("article.clinic").count()


def test_slots_are_grouped_and_the_bookable_filter_works(
    live_server, phone, artifacts_dir, settings, tmp_path
):
    from wagtail.models import Locale

    settings.MEDIA_ROOT = tmp_path / "media"
    Locale.objects.get_or_create(language_code="id")  # a flushed database (transactional test)
    load_demo()
    from cms.models import User

    siti = User.objects.get(mobile=SITI)
    sign_in_by_cookie(phone.context, live_server.url, siti)
    phone.goto(f"{live_server.url}/id/coaching/")
    phone.screenshot(path=str(artifacts_dir / "fix-places-clinic-list-phone.png"), full_page=True)
    assert phone.evaluate("() => document.scrollingElement.scrollWidth") <= 360

    slots = ClinicSession.objects.filter(capacity=1, status="scheduled")
    # every one-to-one slot on the first page is a time on a card, not a card of its own
    chips = phone.locator(".slots .chip")
    assert chips.count() >= 6
    assert phone.locator(".slots").count() * 2 <= chips.count()
    first_page_height = _height(phone)
    assert first_page_height < 5700 / 2, first_page_height
    # the whole month fits in fewer cards than there are clinics by far
    all_cards, page_number = 0, 1
    while True:
        all_cards += _cards(phone)
        later = phone.locator("nav.pager a.next")
        if not later.count():
            break
        page_number += 1
        with phone.expect_navigation():
            later.click()
    sessions = ClinicSession.objects.filter(status="scheduled").count()
    assert all_cards * 2 <= sessions, (all_cards, sessions)

    # the filter: only what Siti can book now
    phone.goto(f"{live_server.url}/id/coaching/")
    phone.check("input[name=bookable]")
    with phone.expect_navigation():
        phone.click("form.filters button[type=submit]")
    phone.screenshot(
        path=str(artifacts_dir / "fix-places-clinic-list-bookable-phone.png"), full_page=True
    )
    shown = {
        int(href.strip("/").split("/")[-1])
        for href in phone.eval_on_selector_all(
            "main article.clinic a[href*='/coaching/']",
            "els => els.map(e => e.getAttribute('href'))",
        )
        if href.strip("/").split("/")[-1].isdigit()
    }
    assert shown
    mine = set(
        Booking.objects.filter(
            participant=siti, status__in=["confirmed", "waitlisted"]
        ).values_list("session_id", flat=True)
    )
    for session in ClinicSession.objects.filter(pk__in=shown):
        assert session.pk not in mine
        assert not session.is_full and session.booking_open()
        assert session.audience == "all"  # Siti has not reached Mastery in the demo's data
    full_slot = slots.filter(confirmed_count=1).exclude(pk__in=mine).first()
    if full_slot is not None:
        assert full_slot.pk not in shown
    assert phone.locator("input[name=bookable]").is_checked()
