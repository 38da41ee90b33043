"""Page weight on a phone: compressed bytes of HTML, CSS and JS for home, stage, module and
lesson pages (the service worker's registration script included), the service worker's own
size, and what saving each demo module for offline costs.

Runs the production stack (gunicorn, whitenoise's precompressed static files, GZip for HTML)
and reads the bytes on the wire from Chromium's DevTools network events. Bytes do not depend on
the machine's speed, so the budgets are asserted: every page at most 30 KB, and the lesson
page's HTML plus CSS at most 14 KB, so the first round trip of a slow link can paint it.
"""

import gzip

import httpx
import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from cms.models import LessonPage, ModulePage, StagePage, User

pytestmark = [
    pytest.mark.bench,
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGE_BUDGET = 30_000
WORKER_BUDGET = 15_000  # gzip; also an ordinary test (tests/cms/test_pwa.py)
LESSON_HTML_CSS_BUDGET = 14_000
COUNTED = {"Document": "html", "Stylesheet": "css", "Script": "js"}


def _weigh(page, cdp, url: str) -> dict[str, int]:
    types: dict[str, str] = {}
    sizes = {"html": 0, "css": 0, "js": 0, "other": 0}

    def on_response(event):
        types[event["requestId"]] = event["type"]

    def on_finished(event):
        kind = COUNTED.get(types.get(event["requestId"], ""), "other")
        sizes[kind] += int(event["encodedDataLength"])

    cdp.on("Network.responseReceived", on_response)
    cdp.on("Network.loadingFinished", on_finished)
    page.goto(url, wait_until="networkidle")
    cdp.remove_listener("Network.responseReceived", on_response)
    cdp.remove_listener("Network.loadingFinished", on_finished)
    return sizes


def test_page_weight(production_server, demo_site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    # Every page is weighed as a first visit: from the network, not from the service worker
    # (whose script, fetched once, is weighed on its own below).
    cdp.send("Network.setBypassServiceWorker", {"bypass": True})

    # The test settings hash with MD5 for speed; the production server only accepts its own.
    participant = User.objects.get(mobile="+6281200000001")
    participant.password = PBKDF2PasswordHasher().encode("peserta-berdaya", "benchsalt")
    participant.save(update_fields=["password"])

    page.goto(production_server + "/id/accounts/login/")
    page.get_by_label("Nomor HP").fill("081200000001")
    page.get_by_label("Kata sandi").fill("peserta-berdaya")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_load_state()
    assert page.url.endswith("/id/"), page.content()[-3000:]

    stage = StagePage.objects.filter(locale__language_code="id").order_by("order").first()
    lessons = LessonPage.objects.filter(locale__language_code="id").order_by("path")
    heaviest = max(lessons, key=lambda lesson: len(str(lesson.body.raw_data)))
    module = ModulePage.objects.filter(locale__language_code="id").order_by("path").first()
    pages = {
        "home": "/id/",
        "stage": stage.url,
        "module": module.url,
        "lesson (longest)": heaviest.url,
    }

    rows = {name: _weigh(page, cdp, production_server + url) for name, url in pages.items()}
    packs = {}
    for each in ModulePage.objects.filter(locale__language_code="id").order_by("path"):
        pack = page.evaluate(
            f"""fetch('/id/tersimpan/paket/{each.pk}/').then(r => r.headers.get('Content-Type')
                .startsWith('application/json') ? r.json() : {{error: 'HTTP ' + r.status}})"""
        )
        packs[each.title] = (len(pack.get("items", [])), pack.get("bytes", 0), pack.get("size"))
        if "error" in pack:  # a stage this participant has not opened yet, or another refusal
            packs[each.title] = (0, 0, f"refused: {pack['error']}")
    context.close()
    worker = httpx.get(production_server + "/sw.js", headers={"Accept-Encoding": "gzip"})
    worker_raw = len(worker.content)
    worker_wire = int(worker.headers.get("Content-Length") or 0) or worker_raw
    worker_gzip = len(gzip.compress(worker.content, 9))

    print("\nPage weight, bytes on the wire (compressed), images excluded")
    print(f"{'page':<18}{'html':>8}{'css':>8}{'js':>8}{'total':>8}   target")
    for name, sizes in rows.items():
        total = sizes["html"] + sizes["css"] + sizes["js"]
        target = f"<= {PAGE_BUDGET}"
        if name.startswith("lesson"):
            target += f"; html+css <= {LESSON_HTML_CSS_BUDGET}"
        print(f"{name:<18}{sizes['html']:>8}{sizes['css']:>8}{sizes['js']:>8}{total:>8}   {target}")

    print(
        f"service worker /sw.js: {worker_raw} bytes raw, {worker_wire} on the wire, "
        f"{worker_gzip} gzip -9   target: gzip <= {WORKER_BUDGET}"
    )
    print("Save for offline, demo modules (signed-in participant):")
    for title, (count, size, label) in packs.items():
        print(f"  {title[:40]:<42}{count:>4} files {size:>10} bytes  {label}")

    assert worker_gzip <= WORKER_BUDGET
    for name, sizes in rows.items():
        assert sizes["html"] > 0 and sizes["css"] > 0, f"{name}: nothing measured"
        assert sizes["html"] + sizes["css"] + sizes["js"] <= PAGE_BUDGET, name
    lesson = rows["lesson (longest)"]
    assert lesson["html"] + lesson["css"] <= LESSON_HTML_CSS_BUDGET
