"""Business profiles for the showcase tests: photos made with Pillow, files in a temporary
MEDIA_ROOT."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def photo_upload(name="sambal.png", size=(2400, 1800), fmt="PNG", color=(200, 40, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


@pytest.fixture
def district(db):
    from cms.models.districts import District

    return District.objects.get(code="lombok_timur")


@pytest.fixture
def make_profile(district):
    from showcase import services

    def make(owner, *, public=False, photo=False, **fields):
        values = {
            "name": "Sambal Bu Ani",
            "description": "Sambal terasi buatan rumah, pedas dan tahan lama.",
            "product_type": "food",
            "district": district,
            "whatsapp": "+6281234567890",
            "price_range": "under_25k",
        }
        values.update(fields)
        profile = services.profile_create(owner=owner, **values)
        if photo:
            services.photo_add(profile=profile, by=owner, upload=photo_upload(size=(900, 700)))
        if public:
            services.profile_set_public(profile=profile, by=owner, public=True)
        return profile

    return make


@pytest.fixture
def other_participant(make_user):
    return make_user("participants", "081311110077", name="Bunga Lain")
