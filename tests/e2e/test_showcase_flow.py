"""In headless Chromium at phone size (360×740): a participant adds her business with a photo
(shrunk on the phone before upload), makes it public and finds it in the directory."""

import io

import pytest
from PIL import Image

from showcase import services
from showcase.models import BusinessProfile
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shot(page, artifacts_dir, name):
    page.screenshot(path=str(artifacts_dir / f"showcase-{name}.png"), full_page=True)


def test_add_a_business_with_a_photo_make_it_public_find_it(
    live_server, phone, artifacts_dir, make_user, tmp_path, monkeypatch
):
    from cms.models.districts import District

    base = live_server.url
    ani = make_user("participants", "081399990001", name="Ani Sambal")
    photo = tmp_path / "sambal.png"
    Image.effect_noise((2000, 1700), 60).convert("RGB").save(photo, "PNG")  # a few MB
    original_size = photo.stat().st_size
    page = phone
    uploads = []
    real_photo_add = services.photo_add

    def spy(*, upload, **kwargs):
        upload.seek(0)
        pixels = Image.open(upload).size
        upload.seek(0)
        uploads.append(
            {
                "type": upload.content_type,
                "name": upload.name,
                "size": upload.size,
                "pixels": pixels,
            }
        )
        return real_photo_add(upload=upload, **kwargs)

    monkeypatch.setattr(services, "photo_add", spy)
    sign_in(page, base, ani)

    page.goto(f"{base}/id/usaha/saya/")
    page.click("text=Tambah usaha")
    page.fill("input[name=name]", "Sambal Bu Ani")
    page.fill("textarea[name=description]", "Sambal terasi buatan rumah, pedas dan tahan lama.")
    page.select_option("select[name=product_type]", "food")
    wonosobo = District.objects.get(code="wonosobo")
    page.select_option("select[name=district]", str(wonosobo.pk))
    page.fill("input[name=whatsapp]", "0812 3456 7890")
    page.select_option("select[name=price_range]", "under_25k")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert "Belum tampil untuk umum" in page.content()

    # The photo is drawn to a canvas at most 1600 px a side and sent as JPEG with progress.
    page.set_input_files("input[name=photo]", str(photo))
    with page.expect_navigation(timeout=60_000):
        page.click("text=Unggah foto")
    # What reached the server (the live server runs in this process) was already a JPEG
    # of at most 1600 px, smaller than the file chosen.
    (received,) = uploads
    assert received["type"] == "image/jpeg" and received["name"] == "sambal.jpg"
    assert received["size"] < original_size / 2, (received, original_size)
    assert max(received["pixels"]) == 1600
    assert "Foto ditambahkan" in page.content()
    profile = BusinessProfile.objects.get(owner=ani)
    stored = profile.photos.get()
    assert max(stored.width, stored.height) == 1600
    with stored.image.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).format == "JPEG"
    shot(page, artifacts_dir, "edit")

    with page.expect_navigation():
        page.click("text=Saya setuju: tampilkan untuk umum")
    assert "sekarang ada di direktori publik" in page.content()

    # Anyone finds it in the directory, filtered by district.
    visitor = page.context.browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    ).new_page()
    visitor.goto(f"{base}/id/usaha/")
    visitor.select_option("select[name=district]", str(wonosobo.pk))
    with visitor.expect_navigation():
        visitor.click("form.sc-filter button")
    assert visitor.locator("a.sc-card").count() == 1
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 362
    shot(visitor, artifacts_dir, "directory")
    with visitor.expect_navigation():
        visitor.click("text=Sambal Bu Ani")
    og = visitor.locator('meta[property="og:image"]').get_attribute("content")
    assert og.endswith(f"/id/usaha/foto/{stored.pk}/kecil/")
    assert visitor.locator("a", has_text="Bagikan lewat WhatsApp").count() == 1
    image_ok = visitor.evaluate(
        "Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)"
    )
    assert image_ok
    shot(visitor, artifacts_dir, "profile")
    visitor.context.close()
