"""The installable app in headless Chromium at phone size: the manifest is valid and the site
installable; a lesson opened once reads with no signal, a page never opened shows the offline
page; after signing out and in as someone else, nothing of the first person is served.

"No signal" is Chromium's offline switch plus a cut line (tests/support/offline.py): the
switch alone does not stop the service worker's own fetches."""

import pytest

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


def controlled(page) -> None:
    """Wait until the service worker controls the page (it claims pages when it starts)."""
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def no_signal(page, line) -> None:
    page.context.set_offline(True)
    line.cut()


def cached_text(page) -> str:
    """Every text body in the site's CacheStorage, joined (read by the page)."""
    return page.evaluate(
        """async () => {
          let all = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              const r = await cache.match(request);
              const type = r.headers.get('Content-Type') || '';
              if (type.startsWith('text/')) all.push(await r.text());
            }
          }
          return all.join('\\n');
        }"""
    )


def test_manifest_is_valid_and_the_site_installable(line, phone, db):
    phone.goto(line.url + "/id/accounts/login/")
    controlled(phone)
    cdp = phone.context.new_cdp_session(phone)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"] == line.url + "/id/manifest.webmanifest"
    assert manifest["errors"] == [], manifest["errors"]
    # Playwright's contexts are incognito windows, where Chrome never installs; anything
    # else (no worker, no suitable icon, no start_url) would be listed here too.
    errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert {error["errorId"] for error in errors} <= {"in-incognito"}, errors
    icons = phone.evaluate(
        """async () => {
          const link = document.querySelector('link[rel=manifest]');
          const data = await (await fetch(link.href)).json();
          const out = [];
          for (const icon of data.icons) {
            const blob = await (await fetch(icon.src)).blob();
            const bitmap = await createImageBitmap(blob);
            out.push([icon.sizes, icon.purpose, blob.type, bitmap.width + 'x' + bitmap.height]);
          }
          return {data, out};
        }"""
    )
    assert icons["data"]["start_url"] == "/id/" and icons["data"]["display"] == "standalone"
    for sizes, purpose, kind, real in icons["out"]:
        assert kind == "image/png" and real == sizes, (purpose, sizes, real)
    assert {"maskable", "any"} == {purpose for _s, purpose, _k, _r in icons["out"]}


def test_a_lesson_opened_once_reads_offline(line, phone, participant):
    pages = build_programme()
    lesson, unopened = pages["lessons"]["internalisation"]
    sign_in(phone, line.url, participant)
    controlled(phone)
    phone.goto(line.url + lesson.url)
    assert phone.is_visible(f"h1:has-text('{lesson.title}')")

    no_signal(phone, line)
    phone.goto(line.url + lesson.url)
    assert phone.is_visible(f"h1:has-text('{lesson.title}')")
    assert phone.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    # a page never opened: the offline page, in the person's language
    phone.goto(line.url + unopened.url)
    assert phone.locator("[data-offline-page]").count() == 1
    assert phone.evaluate("document.documentElement.lang") == "id"
    assert unopened.title not in phone.content()


def test_after_sign_out_nothing_of_the_first_person_is_served(line, phone, participant, make_user):
    pages = build_programme()
    lesson = pages["lessons"]["internalisation"][0]
    other = make_user("participants", "081311110077", name="Budi Lain")
    sign_in(phone, line.url, participant)
    controlled(phone)
    phone.goto(line.url + lesson.url)
    phone.goto(line.url + "/id/accounts/settings/")
    assert "Ani Participant" in phone.content()
    phone.wait_for_timeout(300)  # the worker stores the copy after answering
    assert "Ani Participant" in cached_text(phone)

    with phone.expect_navigation():
        phone.click("form[action='/id/accounts/logout/'] button")
    sign_in(phone, line.url, other)
    phone.wait_for_timeout(300)
    assert "Ani Participant" not in cached_text(phone)

    no_signal(phone, line)
    for url in (lesson.url, "/id/accounts/settings/"):
        phone.goto(line.url + url)
        assert "Ani Participant" not in phone.content(), url
        assert phone.locator("[data-offline-page]").count() == 1, url
