"""The public directory: filters, and a page budget of 30 KB before photos."""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from cms.models.districts import District
from showcase import views

pytestmark = pytest.mark.django_db

BUDGET = 30 * 1024


def test_filters_by_district_and_product_type(participant, other_participant, make_profile):
    make_profile(participant, public=True, name="Tenun Ibu Sari", product_type="craft")
    wonosobo = District.objects.get(code="wonosobo")
    make_profile(other_participant, public=True, name="Kopi Wonosobo", district=wonosobo)
    make_profile(other_participant, public=False, name="Keripik Rahasia", district=wonosobo)
    client = Client()

    page = client.get("/id/usaha/").content.decode()
    assert "Tenun Ibu Sari" in page and "Kopi Wonosobo" in page
    assert "Keripik Rahasia" not in page

    page = client.get(f"/id/usaha/?district={wonosobo.pk}").content.decode()
    assert "Kopi Wonosobo" in page and "Tenun Ibu Sari" not in page
    page = client.get("/id/usaha/?type=craft").content.decode()
    assert "Tenun Ibu Sari" in page and "Kopi Wonosobo" not in page
    page = client.get(f"/id/usaha/?type=food&district={wonosobo.pk}").content.decode()
    assert "Kopi Wonosobo" in page and "Keripik Rahasia" not in page
    # A filter that makes no sense shows the form's error, never a 500.
    assert client.get("/id/usaha/?district=%C2%B2&type=x").status_code == 200


def test_featured_profiles_come_first(participant, other_participant, make_profile):
    first = make_profile(participant, public=True, name="Lama Tapi Unggulan")
    make_profile(other_participant, public=True, name="Baru Saja")
    first.featured = True
    first.save()
    page = Client().get("/id/usaha/").content.decode()
    assert page.index("Lama Tapi Unggulan") < page.index("Baru Saja")


def _page_bytes(response) -> int:
    """What a phone downloads: the page and the site's own stylesheets and scripts it loads
    (photos excluded), gzip-compressed as the site serves them (as the other page budgets
    count)."""
    html = response.content.decode()
    total = len(gzip.compress(response.content))
    for path in re.findall(r'(?:href|src)="' + settings.STATIC_URL + r'([^"]+)"', html):
        found = finders.find(path)
        assert found, path
        with open(found, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    return total


def test_a_full_directory_page_stays_under_30_kb_before_photos(make_user, make_profile):
    longest = "W" * 80
    for n in range(views.PAGE_SIZE + 3):
        owner = make_user("participants", f"0813222200{n:02d}", name=f"Pemilik {n}")
        # The newest come first: the last ones made, on the first page, have photos.
        with_photo = n >= views.PAGE_SIZE + 1
        make_profile(owner, public=True, photo=with_photo, name=f"{n}{longest}"[:80])
    response = Client().get("/id/usaha/")
    html = response.content.decode()
    assert html.count('class="card sc-card"') == views.PAGE_SIZE  # a full page, and a next one
    assert 'loading="lazy"' in html
    size = _page_bytes(response)
    print(f"directory page: {size} bytes before photos (budget {BUDGET})")
    assert size <= BUDGET


def test_photos_in_the_directory_are_small_renditions(participant, make_profile):
    profile = make_profile(participant, public=True, photo=True)
    photo = profile.photos.get()
    html = Client().get("/id/usaha/").content.decode()
    assert f'src="/id/usaha/foto/{photo.pk}/kecil/"' in html
    thumb = Client().get(f"/id/usaha/foto/{photo.pk}/kecil/")
    data = b"".join(thumb.streaming_content)
    assert len(data) < 60 * 1024
    assert max(photo.thumb_width, photo.thumb_height) <= 480
