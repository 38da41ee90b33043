"""Listening is one tap away on a phone: the bottom navigation leads to the podcast, whose page
fits a 360 px screen (the feed address is shortened into a field with a copy button)."""

import pytest

from tests.podcasts.factories import make_episode, make_podcast
from tests.support.browser import sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def podcast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    podcast = make_podcast(
        title="Cerita Pulang Kampung",
        slug="cerita-pulang-kampung-dan-usaha-keluarga",  # a long feed address
    )
    make_episode(podcast, title="Mengatur kiriman uang")
    return podcast


def test_the_navigation_leads_to_the_podcast_which_fits_the_phone(
    live_server, phone, participant, podcast, artifacts_dir
):
    sign_in_by_cookie(phone.context, live_server.url, participant)
    phone.goto(f"{live_server.url}/id/")
    listen = phone.locator("nav.bottom a", has_text="Podcast")
    assert listen.count() == 1
    assert phone.evaluate("() => document.scrollingElement.scrollWidth") <= 360
    # every entry of the (fixed) navigation is on the screen, the last one too
    entries = phone.locator("nav.bottom a")
    assert entries.count() >= 5
    for index in range(entries.count()):
        box = entries.nth(index).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, entries.nth(index).inner_text()
    phone.screenshot(path=str(artifacts_dir / "fix-places-home-nav-phone.png"))
    with phone.expect_navigation():
        listen.click()
    assert phone.url.rstrip("/").endswith(podcast.slug)
    phone.wait_for_load_state("networkidle")
    phone.screenshot(path=str(artifacts_dir / "fix-places-podcast-index-phone.png"), full_page=True)
    assert phone.evaluate("() => document.scrollingElement.scrollWidth") <= 360
    field = phone.locator("#feed-address")
    assert field.input_value().endswith(f"/podcasts/{podcast.slug}/id/feed.xml")
    copy = phone.locator(".copy-button")
    assert copy.is_visible()
    box = copy.bounding_box()
    assert box["x"] + box["width"] <= 360
    before = copy.text_content()
    copy.click()
    phone.wait_for_function(
        "(before) => document.querySelector('.copy-button').textContent !== before", arg=before
    )
