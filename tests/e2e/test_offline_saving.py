"""Save for offline in headless Chromium at phone size: the button says the size before anything
moves; saving shows progress and stores about what it said (measured from CacheStorage); with
no signal the module's lessons, their photo and their episode's audio work, seeking included;
the Saved page lists it and removes it."""

import json
import re

import pytest

from tests.e2e.test_offline_pages import controlled, no_signal
from tests.support.browser import sign_in
from tests.support.offline import Line, build_offline_module

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORED_BYTES = """async (name) => {
  const cache = await caches.open(name);
  let total = 0;
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname === '/__berdaya/pack') continue;
    total += (await (await cache.match(request)).blob()).size;
  }
  return total;
}"""


@pytest.fixture
def line(live_server):
    relay = Line(live_server.url)
    yield relay
    relay.cut()


@pytest.fixture
def content(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return build_offline_module()


def test_save_a_module_then_read_and_listen_offline(
    line, phone, participant, content, artifacts_dir
):
    module, lesson = content["module"], content["lesson"]
    second = module.lessons.last()
    sign_in(phone, line.url, participant)
    controlled(phone)
    phone.goto(line.url + module.url)
    button = phone.locator("[data-save]")
    button.wait_for(state="visible")
    pack = json.loads(
        phone.evaluate(f"fetch('/id/tersimpan/paket/{module.pk}/').then(r => r.text())")
    )
    # the cost is said before anything moves, with the phone's free space
    assert button.inner_text() == pack["label"]
    assert pack["size"] in button.inner_text() and "," in pack["size"]
    assert re.search(r"\d,\d [MG]B$", phone.inner_text("[data-status]"))  # free space
    phone.screenshot(path=str(artifacts_dir / "offline-module-save-button.png"), full_page=True)

    phone.evaluate(
        """() => { window.seen = [];
          new MutationObserver(() => seen.push(document.querySelector('[data-progress]').value))
            .observe(document.querySelector('[data-progress]'), {attributes: true}); }"""
    )
    button.click()
    phone.locator("[data-remove]").wait_for(state="visible", timeout=30_000)
    steps = phone.evaluate("window.seen")
    assert len(set(steps)) >= 3 and max(steps) == 100, steps
    stored = phone.evaluate(STORED_BYTES, f"berdaya-pack-{pack['key']}")
    assert abs(stored - pack["bytes"]) <= 0.10 * stored, (stored, pack["bytes"])

    # the Saved page lists it with its size
    phone.goto(line.url + "/id/tersimpan/")
    row = phone.locator("[data-saved-items] li")
    row.wait_for()
    assert module.title in row.inner_text() and "MB" in row.inner_text()
    assert phone.locator("[data-saved-empty]").is_hidden()
    phone.screenshot(path=str(artifacts_dir / "offline-saved-page.png"), full_page=True)

    # an episode page offers its own pack (its page and its data-saver audio)
    phone.goto(line.url + content["episode"].url)
    phone.locator("[data-save]").wait_for(state="visible")
    assert phone.inner_text("[data-save]").endswith(" MB")

    no_signal(phone, line)
    # a lesson never opened, only saved
    phone.goto(line.url + second.url)
    assert phone.is_visible(f"h1:has-text('{second.title}')")
    phone.goto(line.url + lesson.url)
    assert phone.is_visible(f"h1:has-text('{lesson.title}')")
    image = phone.locator("figure.img img")
    image.scroll_into_view_if_needed()
    phone.wait_for_function("() => document.querySelector('figure.img img').naturalWidth > 0")
    # the episode's audio plays from the phone, and seeking works
    phone.evaluate(
        """() => { const a = document.querySelector('audio');
          window.seekedAt = null;
          a.addEventListener('seeked', () => { window.seekedAt = a.currentTime; });
          a.muted = true; a.preload = 'auto'; a.load(); }"""
    )
    phone.wait_for_function("() => document.querySelector('audio').readyState >= 1")
    assert phone.evaluate("document.querySelector('audio').duration") > 25
    phone.evaluate(
        "() => { const a = document.querySelector('audio'); a.currentTime = 20; a.play(); }"
    )
    phone.wait_for_function("() => window.seekedAt !== null && window.seekedAt >= 19.5")
    phone.wait_for_function("() => document.querySelector('audio').currentTime > 20.5")
    assert phone.evaluate("document.querySelector('audio').error") is None

    # removing it from the Saved page (the page itself was kept when opened)
    phone.goto(line.url + "/id/tersimpan/")
    phone.locator("[data-saved-items] li button").click()
    phone.locator("[data-saved-empty]").wait_for(state="visible")
    assert phone.evaluate("caches.keys()").count(f"berdaya-pack-{pack['key']}") == 0
