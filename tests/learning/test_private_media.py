"""Assignment submissions stay private in the documented production setup, over HTTP."""

import re

import httpx
import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.files.uploadedfile import SimpleUploadedFile

from learning import services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-Strong-pass-123"  # tests/conftest.py's make_user
PDF = b"%PDF-1.4\nmy business plan\n%%EOF\n"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def base(media_root, production_server):
    return production_server


def _signed_in(base: str, user) -> httpx.Client:
    # The test settings hash with MD5, which the production server does not accept.
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt")
    user.save(update_fields=["password"])
    client = httpx.Client(base_url=base, timeout=20)
    page = client.get("/en/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = client.post(
        "/en/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": user.mobile, "password": PASSWORD},
    )
    assert answer.status_code == 302, answer.text[:500]
    return client


def test_a_submission_file_is_sent_only_through_its_view_and_never_cached(
    base, cohort, member, make_assignment, make_participant
):
    submission, _ = services.submission_create(
        assignment=make_assignment(cohort),
        participant=member,
        files=[SimpleUploadedFile("rencana.pdf", PDF)],
    )
    item = submission.files.get()
    view = f"/en/learning/files/{item.pk}/"

    client = _signed_in(base, member)
    response = client.get(view)
    assert response.status_code == 200
    assert response.content == PDF
    assert response.headers["cache-control"] == "private, no-store"
    # the file's storage address is not a way around the view, even for its owner
    assert client.get(f"/media/{item.file.name}").status_code == 404
    client.close()

    assert httpx.get(base + f"/media/{item.file.name}", timeout=20).status_code == 404
    anonymous = httpx.get(base + view, timeout=20)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.headers["location"]
    stranger = _signed_in(base, make_participant(name="Someone Else"))
    assert stranger.get(view).status_code == 404
    stranger.close()
