"""Work done without signal, in headless Chromium at 360×740 (Indonesian): it waits in the
outbox (IndexedDB) and is sent once when the connection is back, with the time it was done.

The page-side sending is what runs here (on page load and on the "online" event): this branch
has no service worker, so Background Sync is not exercised.
"""

import datetime as dt
import re
import time
from collections import Counter

import pytest
from django.utils import timezone

from learning import services
from learning.models import Attendance, AttendanceChange, Reflection, Submission
from tests.support.browser import sign_in_by_cookie
from tests.support.fixtures.learning import build_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}
WAITING = "#outbox.outbox-waiting"
CLIENT_ID = re.compile(rb'name="client_id"\r\n\r\n([0-9a-f-]{36})')


def new_context(browser):
    context = browser.new_context(
        viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="id-ID"
    )
    context.set_default_timeout(15_000)
    return context


def until_sent(page, arrived) -> None:
    """Wait until the work arrived: the page says it sent it, or the site's worker sent it
    first (Background Sync as the signal came back) and the server has it (``arrived()``)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if page.locator("#outbox.outbox-sent").count() or arrived():
            return
        page.wait_for_timeout(200)
    raise AssertionError("the waiting work was not sent")


def queued_items(page) -> list[dict]:
    """Every item in the phone's outbox, whoever made it (read straight from IndexedDB)."""
    return page.evaluate(
        """() => new Promise((resolve, reject) => {
            const open = indexedDB.open("outbox", 1);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
                const db = open.result;
                const get = db.transaction(["items"]).objectStore("items").getAll();
                get.onsuccess = () => { resolve(get.result.map(i => ({user: i.user, kind: i.kind,
                    acted_at: i.acted_at}))); db.close(); };
            };
        })"""
    )


def test_register_taps_offline_arrive_once_with_their_times(
    live_server, browser, artifacts_dir, facilitator, cohort, make_participant
):
    base = live_server.url
    people = [make_participant(name=name) for name in ("Ani", "Budi", "Citra")]
    for person in people:
        services.enrolment_create(cohort=cohort, participant=person)
    session = services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Lokakarya hari 1",
        starts_at=timezone.now() - dt.timedelta(minutes=20),
    )
    context = new_context(browser)
    sign_in_by_cookie(context, base, facilitator)
    page = context.new_page()
    register = f"{base}/id/learning/sessions/{session.pk}/"
    page.goto(register)

    # No signal: three taps. Each waits on the phone, shown as made, and the count says so.
    context.set_offline(True)
    tapped = {}
    for person, label in zip(people, ("Hadir", "Tidak hadir", "Hadir"), strict=True):
        before = timezone.now()
        page.locator(f"#p{person.pk}").get_by_role("button", name=label, exact=True).click()
        page.wait_for_selector(f"#p{person.pk}.is-waiting")
        tapped[person.pk] = (before, timezone.now(), label == "Hadir")
    page.wait_for_function("() => document.querySelector('#outbox').textContent.startsWith('3')")
    assert page.locator("#outbox").inner_text() == "3 menunggu dikirim"
    page.screenshot(path=str(artifacts_dir / "outbox-register-waiting.png"), full_page=True)
    assert not Attendance.objects.exists()

    # The tab is closed while offline; the taps stay in IndexedDB.
    page.close()
    time.sleep(1.2)  # so that "sent" and "tapped" are told apart by the times kept
    back_online = timezone.now()
    context.set_offline(False)

    # The answer to each tap is lost on the way back twice: the server applies the tap, the
    # phone never hears so and sends it again (on a page load or by the replay call).
    posts = Counter()

    def answer(route):
        tap_id = CLIENT_ID.search(route.request.post_data_buffer).group(1).decode()
        posts[tap_id] += 1
        response = route.fetch()
        if posts[tap_id] <= 2:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    context.route("**/sessions/*/mark/", answer)
    page = context.new_page()
    page.goto(register)
    for attempt in range(12):
        if not queued_items(page):
            break
        if attempt % 2:
            page.reload()
        page.evaluate("() => window.outbox.flush()")
    assert queued_items(page) == []
    assert sorted(posts.values()) == [3, 3, 3], posts  # each tap reached the server 3 times

    page.wait_for_selector("#outbox.outbox-sent")
    assert "Terkirim" in page.locator("#outbox").inner_text()
    for person in people:
        before, after, present = tapped[person.pk]
        attendance = Attendance.objects.get(session=session, participant=person)
        assert attendance.present is present
        assert before - dt.timedelta(seconds=1) <= attendance.marked_at <= after
        assert attendance.marked_at < back_online
        assert AttendanceChange.objects.filter(attendance=attendance).count() == 1
    assert page.locator(".register .is-waiting").count() == 0
    assert page.locator("#present-count").inner_text() == "2"
    context.close()


@pytest.fixture
def lesson_and_assignment(member, cohort, make_assignment):
    pages = build_programme(lessons_per_module=1)
    assignment = make_assignment(cohort, allow_photos=False, allow_files=False)
    return pages["lessons"]["internalisation"][0], assignment


def write_offline(context, base, lesson, assignment):
    """Open the lesson and the assignment, lose the signal, write on both; returns the page."""
    lesson_page = context.new_page()
    lesson_page.goto(f"{base}{lesson.url}")
    task_page = context.new_page()
    task_page.goto(f"{base}/id/learning/assignments/{assignment.pk}/")
    context.set_offline(True)
    lesson_page.fill("#answer-0", "Supaya anak saya bisa sekolah.")
    lesson_page.get_by_role("button", name="Simpan jawaban saya").click()
    lesson_page.wait_for_selector(WAITING)
    task_page.fill("#id_text", "Warung saya di depan pasar.")
    task_page.get_by_role("button", name="Kirim").click()
    task_page.wait_for_function(
        "() => document.querySelector('#outbox').textContent.startsWith('2')"
    )
    return lesson_page, task_page


def test_a_reflection_and_an_assignment_written_offline_arrive_once_after_the_tab_closed(
    live_server, browser, member, lesson_and_assignment
):
    base = live_server.url
    lesson, assignment = lesson_and_assignment
    context = new_context(browser)
    sign_in_by_cookie(context, base, member)
    written = timezone.now()
    for page in write_offline(context, base, lesson, assignment):
        page.close()
    assert not Reflection.objects.exists() and not Submission.objects.exists()

    context.set_offline(False)
    page = context.new_page()
    page.goto(f"{base}/id/learning/assignments/")
    until_sent(page, lambda: Submission.objects.exists() and Reflection.objects.exists())
    # Reloading sends nothing twice.
    page.reload()
    page.evaluate("() => window.outbox.flush()")
    reflection = Reflection.objects.get(participant=member)
    assert reflection.answer == "Supaya anak saya bisa sekolah."
    submission = Submission.objects.get(participant=member)
    assert submission.text == "Warung saya di depan pasar."
    assert (
        written - dt.timedelta(seconds=1)
        <= submission.submitted_at
        <= written + dt.timedelta(seconds=30)
    )
    page.goto(f"{base}/id/learning/assignments/{assignment.pk}/")
    assert "Warung saya di depan pasar." in page.content()
    context.close()


def test_work_queued_by_one_person_is_not_sent_while_another_is_signed_in(
    live_server, browser, member, make_participant, cohort, lesson_and_assignment
):
    base = live_server.url
    lesson, assignment = lesson_and_assignment
    other = make_participant(name="Dewi")
    services.enrolment_create(cohort=cohort, participant=other)
    context = new_context(browser)
    sign_in_by_cookie(context, base, member)
    for page in write_offline(context, base, lesson, assignment):
        page.close()

    # Dewi signs in on the same phone, with signal: Ani's work stays where it is.
    context.set_offline(False)
    context.clear_cookies()
    sign_in_by_cookie(context, base, other)
    # The site's worker may try its Background Sync as the signal comes back, before Dewi's
    # page says who is signed in: the server refuses work that is not the session's person's.
    page = context.new_page()
    page.goto(f"{base}/id/learning/assignments/")
    page.evaluate("() => window.outbox.flush()")
    page.evaluate("() => new Promise(r => setTimeout(r, 300))")
    assert not Reflection.objects.exists() and not Submission.objects.exists()
    assert len(queued_items(page)) == 2
    assert page.locator("#outbox").is_hidden()  # Dewi is not told about Ani's work
    page.close()

    # Ani signs in again: now it goes.
    context.clear_cookies()
    sign_in_by_cookie(context, base, member)
    page = context.new_page()
    page.goto(f"{base}/id/learning/assignments/")
    until_sent(page, lambda: Submission.objects.exists() and Reflection.objects.exists())
    assert Reflection.objects.filter(participant=member).count() == 1
    assert Submission.objects.filter(participant=member).count() == 1
    assert not Submission.objects.filter(participant=other).exists()
    context.close()
