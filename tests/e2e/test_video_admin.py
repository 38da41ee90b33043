"""An editor uploads a clip in the Wagtail admin (Chromium), a real Celery worker converts it,
and the listing's progress bar follows until the video is ready."""

import pytest
from wagtail.models import Collection

from cms.roles import apply_role_permissions
from tests.support.browser import sign_in_by_cookie
from tests.video.clips import make_clip
from video.models import Video

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.redis]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_upload_in_the_admin_and_watch_it_convert(
    browser,
    live_server,
    manager,
    video_worker,
    artifacts_dir,
    tmp_path,
):
    # Earlier transactional tests may have flushed what migrate made: make it again.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    apply_role_permissions()
    source = make_clip(tmp_path / "harga.mp4", seconds=10, size="320x180")
    video_worker()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    sign_in_by_cookie(context, live_server.url, manager)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{live_server.url}/admin/video/new/")
        if not page.locator("input[name=title]").count():
            page.screenshot(path=str(artifacts_dir / "video-admin-failed.png"), full_page=True)
        page.fill("input[name=title]", "Menghitung harga")
        page.set_input_files("input[name=source]", str(source))
        page.locator("form[method=post] button[type=submit]").last.click()
        try:
            page.wait_for_url("**/admin/video/")
        except Exception:
            page.screenshot(path=str(artifacts_dir / "video-admin-failed.png"), full_page=True)
            raise
        assert page.locator("[data-video-status]").count() == 1
        page.screenshot(path=str(artifacts_dir / "video-admin-converting.png"))
        page.wait_for_selector("td.video-status:has-text('Siap')", timeout=90_000)
        page.screenshot(path=str(artifacts_dir / "video-admin-listing.png"))
        video = Video.objects.get()
        assert (video.status, video.progress, video.uploaded_by_user) == ("ready", 100, manager)
        page.goto(f"{live_server.url}/admin/video/edit/{video.pk}/")
        assert page.locator("text=144p").count() >= 1
        page.screenshot(path=str(artifacts_dir / "video-admin-edit.png"), full_page=True)
    finally:
        context.close()
