"""The worker side of the outbox (cms/static/cms/sw-outbox.js): a Background Sync event with the
tag "outbox" sends what waits in IndexedDB with no page open, once, for the signed-in person.

The site's own worker (/sw.js) imports the script; here it is registered on its own, and the
sync event is dispatched through Chromium's DevTools protocol once the signal is back.
"""

import time

import pytest
from django.utils import timezone

from learning.models import Reflection
from tests.support.browser import sign_in_by_cookie
from tests.support.fixtures.learning import build_programme

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_background_sync_sends_the_outbox_with_no_page_open(live_server, browser, member):
    base = live_server.url
    lesson = build_programme(lessons_per_module=1)["lessons"]["internalisation"][0]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    context.set_default_timeout(15_000)
    sign_in_by_cookie(context, base, member)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    page.goto(f"{base}{lesson.url}")
    page.evaluate(
        """() => navigator.serviceWorker.register("/static/cms/sw-outbox.js").then(r =>
            new Promise(done => { const w = r.installing || r.waiting || r.active;
              if (w.state === "activated") return done();
              w.addEventListener("statechange", () => w.state === "activated" && done()); }))"""
    )
    context.set_offline(True)
    written = timezone.now()
    page.fill("#answer-0", "Ditulis tanpa sinyal.")
    page.get_by_role("button", name="Simpan jawaban saya").click()
    page.wait_for_selector("#outbox.outbox-waiting")
    context.set_offline(False)
    # With the page gone, nothing but the worker can send it.
    page.goto("about:blank")
    assert not Reflection.objects.exists()

    registration = next(r for r in registrations if r["scopeURL"].endswith("/static/cms/"))
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": base,
            "registrationId": registration["registrationId"],
            "tag": "outbox",
            "lastChance": False,
        },
    )
    deadline = time.monotonic() + 10
    while not Reflection.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    reflection = Reflection.objects.get(participant=member)
    assert reflection.answer == "Ditulis tanpa sinyal."
    assert written <= reflection.updated_at <= timezone.now()

    # A second sync finds nothing left to send.
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": base,
            "registrationId": registration["registrationId"],
            "tag": "outbox",
            "lastChance": False,
        },
    )
    page.goto(f"{base}{lesson.url}")
    assert page.evaluate("() => window.outbox.pending().then(items => items.length)") == 0
    assert Reflection.objects.count() == 1
    context.close()
