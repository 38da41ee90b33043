"""Who may do what: only the owner edits; another person's id is 404; only experts verify."""

import csv
import io

import pytest
from django.test import Client

from showcase.models import BusinessProfile, Licence
from tests.showcase.conftest import photo_upload

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_another_persons_profile_id_is_404_and_changes_nothing(
    participant, other_participant, make_profile
):
    profile = make_profile(participant, photo=True)
    photo = profile.photos.get()
    intruder = signed_in(other_participant)
    base = f"/id/usaha/saya/{profile.pk}"
    assert intruder.get(f"{base}/").status_code == 404
    assert intruder.post(f"{base}/", {"name": "Dicuri"}).status_code == 404
    assert intruder.post(f"{base}/publik/", {"public": "1"}).status_code == 404
    assert intruder.post(f"{base}/izin/", {"nib": "have_it"}).status_code == 404
    upload = photo_upload()
    assert intruder.post(f"{base}/foto/", {"photo": upload}).status_code == 404
    assert intruder.post(f"{base}/foto/{photo.pk}/hapus/").status_code == 404

    profile.refresh_from_db()
    assert profile.name == "Sambal Bu Ani" and not profile.is_public
    assert profile.photos.count() == 1
    assert not profile.licences.exclude(status="not_started").exists()


def test_the_owner_edits_her_profile_and_licences(participant, make_profile):
    profile = make_profile(participant)
    owner = signed_in(participant)
    response = owner.post(
        f"/id/usaha/saya/{profile.pk}/",
        {
            "name": "Sambal Bu Ani Pedas",
            "description": "Lebih pedas.",
            "product_type": "food",
            "district": profile.district_id,
            "whatsapp": "0812 3456 7891",
            "price_range": "25k_100k",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.name == "Sambal Bu Ani Pedas"
    assert profile.whatsapp_link == "https://wa.me/6281234567891"

    response = owner.post(f"/id/usaha/saya/{profile.pk}/izin/", {"nib": "have_it"})
    assert response.status_code == 302
    assert profile.licences.get(kind="nib").status == "have_it"
    # She cannot mark it verified herself.
    response = owner.post(f"/id/usaha/saya/{profile.pk}/izin/", {"nib": "verified"})
    assert response.status_code == 400
    assert profile.licences.get(kind="nib").status == "have_it"


def test_a_bad_whatsapp_number_is_a_clear_message(participant, make_profile, district):
    response = signed_in(participant).post(
        "/id/usaha/saya/baru/",
        {
            "name": "Tenun",
            "description": "Kain tenun.",
            "product_type": "craft",
            "district": district.pk,
            "whatsapp": "12",
            "price_range": "over_500k",
        },
    )
    assert response.status_code == 200
    assert "0812 3456 7890" in response.content.decode()
    assert not BusinessProfile.objects.exists()


def test_only_participants_add_a_business(expert, manager):
    assert signed_in(expert).get("/id/usaha/saya/baru/").status_code == 403
    assert signed_in(manager).get("/id/usaha/saya/").status_code == 403
    assert Client().get("/id/usaha/saya/baru/").status_code == 302  # to sign in


def test_only_experts_verify_a_licence(
    participant, other_participant, facilitator, manager, expert, make_profile
):
    profile = make_profile(participant)
    signed_in(participant).post(f"/id/usaha/saya/{profile.pk}/izin/", {"halal": "have_it"})
    licence = profile.licences.get(kind="halal")
    url = f"/id/usaha/ahli/izin/{licence.pk}/verifikasi/"
    for someone in (participant, other_participant, facilitator, manager):
        assert signed_in(someone).post(url).status_code == 403
        assert signed_in(someone).get("/id/usaha/ahli/izin/").status_code == 403
    licence.refresh_from_db()
    assert licence.status == "have_it" and licence.verified_by is None

    listed = signed_in(expert).get("/id/usaha/ahli/izin/").content.decode()
    assert "Sambal Bu Ani" in listed
    assert signed_in(expert).post(url).status_code == 302
    licence.refresh_from_db()
    assert licence.status == "verified"
    assert licence.verified_by == expert and licence.verified_at is not None

    # Shown on the public page once public, and on the owner's screen with who verified it.
    signed_in(participant).post(f"/id/usaha/saya/{profile.pk}/publik/", {"public": "1"})
    assert "Sertifikat halal" in Client().get(f"/id/usaha/{profile.pk}/").content.decode()
    own = signed_in(participant).get(f"/id/usaha/saya/{profile.pk}/").content.decode()
    assert "Eko Expert" in own

    # If she changes what she says, the expert's verification no longer stands.
    signed_in(participant).post(f"/id/usaha/saya/{profile.pk}/izin/", {"halal": "in_progress"})
    licence.refresh_from_db()
    assert licence.status == "in_progress" and licence.verified_at is None


def test_managers_export_only_the_public_list(
    participant, other_participant, manager, expert, make_profile
):
    make_profile(participant, public=True, name="=HYPERLINK(1)")
    make_profile(other_participant, name="Belum Publik")
    assert signed_in(expert).get("/id/usaha/ekspor.csv").status_code == 403
    response = signed_in(manager).get("/id/usaha/ekspor.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[1][0] == "'=HYPERLINK(1)"  # not a formula in a spreadsheet
    assert "Belum Publik" not in response.content.decode()


def test_managers_feature_public_profiles_in_the_admin(
    participant, other_participant, manager, make_profile
):
    public = make_profile(participant, public=True)
    private = make_profile(other_participant, name="Belum Publik")
    admin = signed_in(manager)
    listing = admin.get("/admin/showcase/profiles/")
    assert listing.status_code == 200
    assert "Sambal Bu Ani" in listing.content.decode()
    assert "Belum Publik" not in listing.content.decode()
    response = admin.post(f"/admin/showcase/profiles/edit/{public.pk}/", {"featured": "on"})
    assert response.status_code == 302
    public.refresh_from_db()
    assert public.featured
    assert admin.get("/admin/showcase/profiles/add/").status_code in (302, 403, 404)
    private.refresh_from_db()
    assert not private.featured


def test_at_most_four_photos(participant, make_profile):
    profile = make_profile(participant)
    owner = signed_in(participant)
    for _ in range(4):
        response = owner.post(f"/id/usaha/saya/{profile.pk}/foto/", {"photo": photo_upload()})
        assert response.status_code == 302
    response = owner.post(f"/id/usaha/saya/{profile.pk}/foto/", {"photo": photo_upload()})
    assert response.status_code == 400
    assert profile.photos.count() == 4
    assert Licence.objects.filter(profile=profile).count() == 4
