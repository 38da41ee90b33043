"""Official districts: seeded, kept by managers, the one source of a district's time zone."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_four_field_districts_are_there_with_their_zones():
    from cms.models import District, district_time_zone

    codes = set(District.objects.values_list("code", flat=True))
    assert {"flores_timur", "lombok_timur", "wonosobo", "karawang"} <= codes
    assert district_time_zone("lombok_timur") == "Asia/Makassar"
    assert district_time_zone("karawang") == "Asia/Jakarta"
    assert district_time_zone("") == "Asia/Jakarta"
    assert district_time_zone("nowhere") == "Asia/Jakarta"


def test_a_district_added_by_a_manager_is_offered_at_sign_up_with_its_zone(client):
    from cms.models import District, User

    District.objects.create(code="sikka", name="Sikka", time_zone="Asia/Makassar")
    page = client.get("/id/accounts/signup/").content.decode()
    assert 'value="sikka"' in page
    response = client.post(
        "/id/accounts/signup/",
        {
            "name": "Yuliana",
            "mobile": "081377700001",
            "sex": "female",
            "age_band": "25_34",
            "district": "sikka",
            "migrant_status": "returnee",
            "preferred_language": "id",
            "password1": "kopi-Sikka-2026",
            "password2": "kopi-Sikka-2026",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(mobile="+6281377700001")
    assert (person.district, person.time_zone) == ("sikka", "Asia/Makassar")
    assert person.get_district_display() == "Sikka"


def test_an_unknown_district_is_refused_with_a_message(client):
    from cms.models import User

    response = client.post(
        "/id/accounts/signup/",
        {"name": "X", "mobile": "081377700002", "district": "atlantis", "sex": "female",
         "password1": "kopi-Sikka-2026", "password2": "kopi-Sikka-2026"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["district"]
    assert not User.objects.filter(mobile="+6281377700002").exists()


def test_an_inactive_district_is_not_offered_but_stays_valid_for_people_in_it():
    from cms.models import District
    from cms.models.districts import DistrictChoiceField

    District.objects.filter(code="other").update(is_active=False)
    field = DistrictChoiceField(required=False)
    assert "other" not in [value for value, _label in field.choices]
    assert field.clean("other") == "other"


def test_managers_may_edit_districts_in_the_admin(client, manager, facilitator):
    client.force_login(manager)
    assert client.get("/admin/districts/").status_code == 200
    response = client.post(
        "/admin/districts/new/",
        {"name": "Sumbawa", "code": "sumbawa", "province": "NTB", "time_zone": "Asia/Makassar",
         "order": 50, "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    from cms.models import district_time_zone

    assert district_time_zone("sumbawa") == "Asia/Makassar"
    client.force_login(facilitator)
    assert client.get("/admin/districts/").status_code in (302, 403)


def test_the_districts_come_back_after_the_table_is_emptied():
    from cms.models import District
    from cms.models.districts import seed_districts

    District.objects.all().delete()  # as a transactional test's flush leaves it
    from cms.models import district_time_zone

    assert district_time_zone("lombok_timur") == "Asia/Makassar"  # the first look seeds
    assert District.objects.count() == 5
    seed_districts()
    assert District.objects.count() == 5
    District.objects.filter(code="other").delete()
    seed_districts()  # a manager's deletion stays deleted while others remain
    assert not District.objects.filter(code="other").exists()


def test_a_nul_in_a_district_is_refused_not_sent_to_the_database():
    from django.core.exceptions import ValidationError

    from cms.models.districts import DistrictChoiceField, validate_district

    assert not DistrictChoiceField().valid_value("lombok\x00timur")
    with pytest.raises(ValidationError):
        validate_district("\x00")
