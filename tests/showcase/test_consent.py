"""Nothing is public until the owner says so; withdrawing consent takes it down at once."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

DIRECTORY = "/id/usaha/"


def anonymous():
    return Client()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_new_profile_is_not_public(participant, other_participant, make_profile):
    profile = make_profile(participant, photo=True)
    photo = profile.photos.get()

    assert "Sambal Bu Ani" not in anonymous().get(DIRECTORY).content.decode()
    assert anonymous().get(f"/id/usaha/{profile.pk}/").status_code == 404
    assert signed_in(other_participant).get(f"/id/usaha/{profile.pk}/").status_code == 404
    assert anonymous().get(f"/id/usaha/foto/{photo.pk}/kecil/").status_code == 404
    assert anonymous().get(f"/id/usaha/foto/{photo.pk}/").status_code == 404
    # The owner can preview her own page, told it is not public.
    own = signed_in(participant).get(f"/id/usaha/{profile.pk}/")
    assert own.status_code == 200
    assert "Hanya Anda" in own.content.decode() or "Only you" in own.content.decode()


def test_consent_on_then_off_through_the_owners_screen(participant, make_profile):
    profile = make_profile(participant, photo=True)
    photo = profile.photos.get()
    owner = signed_in(participant)

    response = owner.post(f"/id/usaha/saya/{profile.pk}/publik/", {"public": "1"})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.is_public and profile.public_since is not None
    page = anonymous().get(DIRECTORY).content.decode()
    assert "Sambal Bu Ani" in page
    assert f"/id/usaha/{profile.pk}/" in page
    assert anonymous().get(f"/id/usaha/{profile.pk}/").status_code == 200
    thumb = anonymous().get(f"/id/usaha/foto/{photo.pk}/kecil/")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"

    owner.post(f"/id/usaha/saya/{profile.pk}/publik/", {"public": "0"})
    profile.refresh_from_db()
    assert not profile.is_public and profile.public_since is None
    assert "Sambal Bu Ani" not in anonymous().get(DIRECTORY).content.decode()
    assert anonymous().get(f"/id/usaha/{profile.pk}/").status_code == 404
    assert anonymous().get(f"/id/usaha/foto/{photo.pk}/kecil/").status_code == 404
    assert anonymous().get(f"/id/usaha/foto/{photo.pk}/").status_code == 404


def test_the_public_page_opens_well_in_whatsapp(participant, make_profile):
    profile = make_profile(participant, public=True, photo=True)
    photo = profile.photos.get()
    html = anonymous().get(f"/id/usaha/{profile.pk}/").content.decode()
    assert '<meta property="og:title" content="Sambal Bu Ani">' in html
    assert 'property="og:description" content="Sambal terasi buatan rumah' in html
    image = f"http://testserver/id/usaha/foto/{photo.pk}/kecil/"
    assert f'property="og:image" content="{image}"' in html
    # The share link opens WhatsApp with the page's address; the chat link is the seller's.
    assert "https://wa.me/?text=Sambal+Bu+Ani" in html
    assert f"testserver%2Fid%2Fusaha%2F{profile.pk}%2F" in html
    assert 'href="https://wa.me/6281234567890"' in html


def test_the_private_page_has_no_og_for_others_and_stays_unindexed_for_owner(
    participant, make_profile
):
    profile = make_profile(participant)
    html = signed_in(participant).get(f"/id/usaha/{profile.pk}/").content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_the_home_page_leads_a_participant_to_her_business(participant, make_profile, programme):
    make_profile(participant)
    html = signed_in(participant).get("/id/").content.decode()
    assert "Sambal Bu Ani" in html and "/id/usaha/saya/" in html
