"""Sign-up, sign-in, sign-out and password change, with bad input in both languages."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from cms.models import User

SIGNUP_URL = "/{lang}/accounts/signup/"
GOOD = {
    "name": "Siti Rahmawati",
    "mobile": "0812 3456 7890",
    "password1": "kopi-flores-2026",
    "password2": "kopi-flores-2026",
    "sex": "female",
    "age_band": "25_34",
    "district": "flores_timur",
    "migrant_status": "returnee",
    "preferred_language": "id",
}


@pytest.fixture
def roles(db):
    return Group.objects.filter(name__in=["participants", "facilitators"])


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["0812 3456 7890", "+62812-3456-7890", "6281234567890"])
def test_signup_accepts_indonesian_formats_and_stores_one_form(client, typed):
    response = client.post(SIGNUP_URL.format(lang="id"), {**GOOD, "mobile": typed})
    assert response.status_code == 302
    user = User.objects.get()
    assert user.mobile == "+6281234567890"
    assert user.groups.filter(name="participants").exists()
    assert user.time_zone == "Asia/Makassar"  # Flores Timur is WITA
    assert user.check_password(GOOD["password1"])
    # signed in straight away
    account = client.get("/id/accounts/settings/")
    assert account.status_code == 200
    assert "0812-3456-7890" in account.content.decode()


BAD_CASES = [
    (
        "mobile",
        {"mobile": "12345"},
        "Masukkan nomor HP Indonesia",
        "Enter an Indonesian mobile number",
    ),
    (
        "mobile",
        {"mobile": "+65 8123 4567"},
        "Masukkan nomor HP Indonesia",
        "Enter an Indonesian mobile number",
    ),
    (
        "mobile",
        {"mobile": "021 123 4567"},
        "Masukkan nomor HP Indonesia",
        "Enter an Indonesian mobile number",
    ),
    ("password1", {"password1": "12345678", "password2": "12345678"}, "terlalu umum", "too common"),
    ("password1", {"password1": "abc", "password2": "abc"}, "terlalu pendek", "too short"),
    (
        "password2",
        {"password2": "something-else-1"},
        "Kedua kata sandi tidak sama",
        "The two passwords are not the same",
    ),
    ("name", {"name": ""}, "harus diisi", "This field is required"),
    ("sex", {"sex": ""}, "harus diisi", "This field is required"),
    ("district", {"district": "jakarta"}, "Masukkan pilihan yang valid", "Select a valid choice"),
    ("age_band", {"age_band": ""}, "harus diisi", "This field is required"),
    ("migrant_status", {"migrant_status": ""}, "harus diisi", "This field is required"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "change", "message_id", "message_en"), BAD_CASES)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_bad_signup_gets_a_clear_message_and_creates_nothing(
    client, field, change, message_id, message_en, lang
):
    response = client.post(SIGNUP_URL.format(lang=lang), {**GOOD, **change})
    assert response.status_code == 200
    html = response.content.decode()
    expected = message_id if lang == "id" else message_en
    assert expected in html
    # the message sits next to its field
    form = response.context["form"]
    assert form.errors.get(field), form.errors
    assert User.objects.count() == 0


@pytest.mark.django_db
def test_duplicate_number_in_another_format_is_refused(client, participant):
    response = client.post(SIGNUP_URL.format(lang="id"), {**GOOD, "mobile": "+62 813 1111 0001"})
    assert response.status_code == 200
    assert "Nomor HP ini sudah terdaftar" in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_garbage_post_never_500s(client):
    response = client.post(SIGNUP_URL.format(lang="en"), {"mobile": "\x00" * 50, "sex": ["a", "b"]})
    assert response.status_code == 200
    assert User.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ["081311110001", "+6281311110001", "62 813-1111-0001"])
def test_sign_in_with_any_format_of_the_number(client, participant, typed):
    response = client.post(
        "/id/accounts/login/", {"username": typed, "password": "a-Strong-pass-123"}
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(participant.pk)


@pytest.mark.django_db
def test_sign_in_failure_is_explained(client, participant):
    response = client.post("/en/accounts/login/", {"username": "081311110001", "password": "wrong"})
    assert response.status_code == 200
    assert "The mobile number or password is not right" in response.content.decode()
    response = client.post("/id/accounts/login/", {"username": "not a number", "password": "x"})
    assert "Nomor HP atau kata sandi salah" in response.content.decode()


@pytest.mark.django_db
def test_sign_in_goes_to_the_persons_language(client, make_user):
    make_user("participants", "081311119999", preferred_language="en")
    response = client.post(
        "/id/accounts/login/", {"username": "081311119999", "password": "a-Strong-pass-123"}
    )
    assert response.status_code == 302
    assert response.url.startswith("/en/")


@pytest.mark.django_db
def test_sign_out_needs_post_and_signs_out(client, participant):
    client.force_login(participant)
    assert client.get("/id/accounts/logout/").status_code == 405
    assert client.post("/id/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_change_password(client, participant):
    client.force_login(participant)
    response = client.post(
        "/id/accounts/password/",
        {
            "old_password": "a-Strong-pass-123",
            "new_password1": "tenun-ikat-larantuka",
            "new_password2": "tenun-ikat-larantuka",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.check_password("tenun-ikat-larantuka")
    # still signed in after the change
    assert client.get("/id/accounts/settings/").status_code == 200


@pytest.mark.django_db
def test_account_pages_need_sign_in(client):
    response = client.get("/id/accounts/settings/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.django_db
def test_role_groups_exist(roles):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"participants", "facilitators", "experts", "programme managers"} <= names
    managers = Group.objects.get(name="programme managers")
    assert managers.permissions.filter(codename="access_admin").exists()
    assert not Group.objects.get(name="participants").permissions.exists()
    # each app's models and media for managers, granted after migrate
    codenames = set(managers.permissions.values_list("codename", flat=True))
    assert {"change_cohort", "change_clinicsession", "change_topic"} <= codenames
    from wagtail.models import GroupCollectionPermission

    media = set(
        GroupCollectionPermission.objects.filter(group=managers).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_image", "add_document", "add_video", "choose_video"} <= media


def test_migrating_one_app_on_an_empty_database_works(tmp_path):
    """``migrate <app>`` creates only that app's tables and what they depend on; the role
    permissions (applied after every migrate) must wait for the tables they need."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "notifications", "--no-input", "-v0"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.django_db
def test_phone_inputs_take_a_number_written_with_spaces():
    """Issue 17: "+62 812 0000 0001" (17 characters) must not be cut by the browser, and each
    phone input has one type attribute."""
    import re

    from cms.forms import MobileAuthenticationForm, SignUpForm
    from learning.forms import EnrolForm

    for html in (
        str(MobileAuthenticationForm()["username"]),
        str(SignUpForm()["mobile"]),
        str(EnrolForm()["mobile"]),
    ):
        assert len(re.findall(r"\stype=", html)) == 1, html
        assert 'type="tel"' in html
        assert int(re.search(r'maxlength="(\d+)"', html).group(1)) >= len("+62 812 0000 0001")
