"""A phone photo is shrunk in the browser before it goes up (bytes on the wire counted), the
upload shows a progress bar that moves, and the page then shows a small preview of the photo
with the full photo on a tap. Headless Chromium at 360×740, in Indonesian.
"""

import time

import pytest
from PIL import Image
from playwright.sync_api import Error as PlaywrightError

from learning.models import SubmissionFile
from tests.support.browser import sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PROGRESS = """() => { const bar = document.querySelector('progress.upload-progress');
  return bar ? bar.value : null; }"""


@pytest.fixture
def camera_photo(tmp_path):
    """A 4000×3000 JPEG with the detail of a real photo (noise), a few MB like a phone's."""
    path = tmp_path / "IMG_20261130_0905.jpg"
    noise = Image.effect_noise((4000, 3000), 60).convert("RGB")
    noise.save(path, "JPEG", quality=92)
    return path


def test_a_big_photo_is_shrunk_before_upload_with_a_moving_progress_bar(
    live_server, browser, artifacts_dir, member, cohort, make_assignment, camera_photo
):
    base = live_server.url
    assignment = make_assignment(cohort, allow_files=False)
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="id-ID",
    )
    context.set_default_timeout(20_000)
    sign_in_by_cookie(context, base, member)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    page.goto(f"{base}/id/learning/assignments/{assignment.pk}/")

    uploads = []
    page.on("request", lambda r: uploads.append(r) if r.method == "POST" else None)
    # A slow uplink (about 2G/3G): the progress bar has time to be seen moving.
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 100,
            "downloadThroughput": 250_000,
            "uploadThroughput": 200_000,
        },
    )
    page.fill("#id_text", "Warung saya, dari depan.")
    page.set_input_files("#id_photos", str(camera_photo))
    page.get_by_role("button", name="Kirim").click()

    seen, shot_taken = [], False
    deadline = time.monotonic() + 40
    while time.monotonic() < deadline and not page.url.endswith("#done"):
        try:
            value = page.evaluate(PROGRESS)
        except Exception:  # the page navigated away: the upload is done
            break
        if value is not None:
            seen.append(value)
            if 10 <= value <= 90 and not shot_taken:
                page.screenshot(path=str(artifacts_dir / "outbox-upload-progress.png"))
                shot_taken = True
        if SubmissionFile.objects.exists():
            break
        time.sleep(0.1)
    page.wait_for_load_state()
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )

    # Bytes on the wire: the 4000×3000 photo of several MB went up as a fraction of it.
    original = camera_photo.stat().st_size
    assert original > 2_000_000
    sent = [len(r.post_data_buffer or b"") for r in uploads]
    assert len(sent) == 1, sent
    assert sent[0] < original / 4, (sent, original)
    # The bar moved: several distinct values, rising, from low to high.
    distinct = sorted(set(seen))
    assert len(distinct) >= 3 and distinct[0] < 50 < distinct[-1], seen
    assert shot_taken

    stored = SubmissionFile.objects.get()
    assert (stored.width, stored.height) == (1600, 1200)

    # The page shows a small preview; a tap opens the full photo. (The page goes on to the
    # saved submission by itself after the upload; a navigation of ours that meets it is
    # aborted, so it is made again once the page has settled.)
    for attempt in range(3):
        try:
            page.goto(f"{base}/id/learning/assignments/{assignment.pk}/")
            break
        except PlaywrightError as error:
            if "ERR_ABORTED" not in str(error) or attempt == 2:
                raise
            page.wait_for_load_state()
    thumb = page.locator("img.thumb")
    thumb.wait_for()
    page.wait_for_function("() => document.querySelector('img.thumb').complete")
    assert thumb.evaluate("img => img.naturalWidth") == 480
    assert thumb.get_attribute("src").endswith(f"/files/{stored.pk}/preview/")
    full = page.locator("a:has(img.thumb)").get_attribute("href")
    assert full.endswith(f"/files/{stored.pk}/")
    context.close()
