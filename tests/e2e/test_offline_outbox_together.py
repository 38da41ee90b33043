"""The site's one service worker (/sw.js) does both jobs at once: it keeps the pages a person
opened for reading with no signal (cms/pwa/worker.js) and, through the outbox script it imports
(cms/static/cms/sw-outbox.js), sends work done without signal once the line is back.

"No signal" is Chromium's offline switch plus a cut line (tests/support/offline.py)."""

import time

import pytest

from learning.models import LessonCompletion
from tests.support.browser import sign_in
from tests.support.fixtures.learning import build_programme
from tests.support.offline import Line

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def line(live_server):
    relay = Line(live_server.url)
    yield relay
    relay.cut()


def sync_outbox(cdp, base: str, registration_id: str) -> None:
    """What Chromium does when the signal is back: the "outbox" Background Sync event."""
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {"origin": base, "registrationId": registration_id, "tag": "outbox", "lastChance": False},
    )


def test_a_lesson_done_offline_is_sent_by_the_site_worker_and_the_lesson_reads_offline(
    line, phone, member
):
    lesson = build_programme(lessons_per_module=1)["lessons"]["internalisation"][0]
    cdp = phone.context.new_cdp_session(phone)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    sign_in(phone, line.url, member)
    phone.wait_for_function("() => navigator.serviceWorker.controller !== null")
    assert phone.evaluate("navigator.serviceWorker.controller.scriptURL") == line.url + "/sw.js"
    phone.goto(line.url + lesson.url)

    # No signal: "mark as done" waits on the phone.
    phone.context.set_offline(True)
    line.cut()
    phone.locator("form[data-outbox=lesson_done] button").click()
    phone.wait_for_selector("#outbox.outbox-waiting")
    # The lesson opened before still reads, from the worker's copy, and the work still waits.
    phone.goto(line.url + lesson.url)
    assert phone.is_visible(f"h1:has-text('{lesson.title}')")
    assert phone.locator("[data-offline-page]").count() == 0
    assert phone.evaluate("() => window.outbox.pending().then(items => items.length)") == 1
    phone.goto("about:blank")  # the page is gone: only the worker can send it now
    assert not LessonCompletion.objects.exists()

    # The line is back: the site's worker sends it, once, even when asked twice.
    line.mend()
    phone.context.set_offline(False)
    site = next(r for r in registrations if r["scopeURL"] == line.url + "/")
    sync_outbox(cdp, line.url, site["registrationId"])
    deadline = time.monotonic() + 10
    while not LessonCompletion.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    completion = LessonCompletion.objects.get(participant=member)
    assert completion.lesson_id == lesson.pk
    sync_outbox(cdp, line.url, site["registrationId"])
    phone.goto(line.url + lesson.url)
    assert phone.evaluate("() => window.outbox.pending().then(items => items.length)") == 0
    assert phone.locator(".done-mark").count() == 1
    assert LessonCompletion.objects.count() == 1
