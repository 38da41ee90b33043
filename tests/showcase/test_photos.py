"""Photos are re-encoded and shrunk on the server (learning.uploads), with a small thumbnail."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from tests.showcase.conftest import photo_upload

pytestmark = pytest.mark.django_db


def test_a_big_photo_is_shrunk_and_reencoded(participant, make_profile):
    profile = make_profile(participant)
    client = Client()
    client.force_login(participant)
    upload = photo_upload(size=(3000, 2000), fmt="PNG")
    response = client.post(f"/id/usaha/saya/{profile.pk}/foto/", {"photo": upload})
    assert response.status_code == 302
    photo = profile.photos.get()
    with photo.image.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        assert image.format == "JPEG" and image.size == (1600, 1067)
    with photo.thumbnail.open("rb") as handle:
        thumb = Image.open(io.BytesIO(handle.read()))
        assert thumb.format == "JPEG" and max(thumb.size) == 480
    assert photo.image.name.startswith(f"showcase/{profile.pk}/")


def test_a_file_that_is_not_a_photo_is_refused_with_a_message(participant, make_profile):
    profile = make_profile(participant)
    client = Client()
    client.force_login(participant)
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = client.post(f"/id/usaha/saya/{profile.pk}/foto/", {"photo": fake})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not profile.photos.exists()


def test_the_licence_checklist_links_the_lesson_on_licences(
    participant, make_profile, programme, settings
):
    lesson = programme["lessons"]["mastery"][0]
    settings.SHOWCASE_LICENSING_LESSON_SLUG = lesson.slug
    profile = make_profile(participant)
    client = Client()
    client.force_login(participant)
    html = client.get(f"/id/usaha/saya/{profile.pk}/").content.decode()
    assert f'href="{lesson.url}#pirt"' in html

    # A lesson chosen in the admin's settings wins over the slug.
    from showcase.models import ShowcaseSettings

    chosen = programme["lessons"]["mastery"][1]
    showcase_settings = ShowcaseSettings.load()
    showcase_settings.licensing_lesson = chosen
    showcase_settings.save()
    html = client.get(f"/id/usaha/saya/{profile.pk}/").content.decode()
    assert f'href="{chosen.url}#nib"' in html
