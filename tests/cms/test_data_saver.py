"""One data-saver choice: the person's, else the phone's (Save-Data header or the 2G/3G cookie),
and the smaller image renditions it picks."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cms.data_saver import data_saver_on
from tests.support.fixtures.learning import build_programme

pytestmark = pytest.mark.django_db


def request_with(user=None, *, header=None, cookie=None):
    from django.contrib.auth.models import AnonymousUser

    headers = {"save-data": header} if header else {}
    request = RequestFactory().get("/", headers=headers)
    if cookie is not None:
        request.COOKIES["data_saver"] = cookie
    request.user = user or AnonymousUser()
    return request


@pytest.mark.parametrize(
    ("choice", "header", "cookie", "expected"),
    [
        ("auto", None, None, False),
        ("auto", "on", None, True),
        ("auto", None, "1", True),
        ("auto", "on", "0", False),  # the phone's latest reading (cookie) over a stale header
        ("on", None, "0", True),  # the person's choice wins over the phone
        ("off", "on", "1", False),
    ],
)
def test_who_decides(participant, choice, header, cookie, expected):
    participant.data_saver = choice
    assert data_saver_on(request_with(participant, header=header, cookie=cookie)) is expected


def test_visitors_follow_their_phone():
    assert data_saver_on(request_with(header="on")) is True
    assert data_saver_on(request_with(cookie="garbage")) is False


def test_the_choice_is_in_the_account_settings(client, participant):
    client.force_login(participant)
    page = client.get(reverse("accounts:settings")).content.decode()
    assert 'name="data_saver"' in page
    response = client.post(
        reverse("accounts:settings"),
        {
            "name": participant.name,
            "preferred_language": "en",
            "time_zone": participant.time_zone,
            "data_saver": "on",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.data_saver == "on"
    refused = client.post(
        reverse("accounts:settings"),
        {"name": participant.name, "preferred_language": "en", "time_zone": "x", "data_saver": "x"},
    )
    assert refused.status_code == 200
    participant.refresh_from_db()
    assert participant.data_saver == "on"


def test_images_come_in_the_smaller_rendition_only(client, participant):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection

    from cms.blocks import LessonStreamBlock
    from cms.models import LessonPage

    if Collection.get_first_root_node() is None:  # media need the root collection
        Collection.add_root(name="Root")
    lesson = LessonPage.objects.get(pk=build_programme()["lessons"]["internalisation"][0].pk)
    image = Image.objects.create(title="Warung", file=get_test_image_file(size=(1200, 800)))
    block = LessonStreamBlock().child_blocks["image"]
    lesson.body.append(("image", block.to_python({"image": image.pk, "alt_text": "Warung"})))
    lesson.save_revision().publish()
    client.force_login(participant)

    full = client.get(lesson.url).content.decode()
    assert "width-720" in full and "srcset" in full.split('alt="Warung"')[0].rsplit("<img", 1)[1]

    participant.data_saver = "on"
    participant.save(update_fields=["data_saver"])
    saver = client.get(lesson.url).content.decode()
    tag = saver.split('alt="Warung"')[0].rsplit("<img", 1)[1]
    assert "width-360" in tag and "width-720" not in saver and "srcset" not in tag
    assert client.get(lesson.url, headers={"save-data": "on"})["Vary"].count("Save-Data") == 1
