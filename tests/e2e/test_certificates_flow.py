"""In headless Chromium at phone size (360×740): a participant finishes the last lesson of
Orientation, is given her certificate (Internalisation and Orientation complete), opens it
and downloads the PDF; the QR code's page says the certificate is valid; her facilitator
sees it on the cohort's certificates page."""

import datetime as dt

import pytest

from certificates.models import Certificate, CertificateType
from cms.models.districts import seed_districts
from cms.roles import apply_role_permissions
from learning import services
from tests.learning.conftest import build_programme
from tests.support.browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > 362)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
  .slice(0, 5)"""


def fits_the_phone(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 362, (page.url, page.evaluate(WIDEST))


def test_finish_the_stages_get_the_certificate_and_download_it(
    live_server, phone, artifacts_dir, participant, facilitator, tmp_path
):
    apply_role_permissions()
    seed_districts()  # a flush by an earlier transactional test may have emptied them
    base = live_server.url
    pages = build_programme(lessons_per_module=1, reflection=False)
    cohort = services.cohort_create(
        name="Kelompok Selong",
        district="lombok_timur",
        start_date=dt.date(2026, 1, 10),
        facilitators=[facilitator],
        join_code="SELONG",
    )
    services.enrolment_create(cohort=cohort, participant=participant)
    kind = CertificateType.objects.create(
        name="Sertifikat Dasar", programme=pages["programme"], organisations="Yayasan Berdaya"
    )
    kind.stages.set([pages["internalisation"], pages["orientation"]])
    for lesson in pages["lessons"]["internalisation"]:
        services.lesson_mark_done(participant=participant, lesson=lesson)
    assert not Certificate.objects.exists()

    sign_in(phone, base, participant)
    # The last lesson of Orientation, marked done as she would.
    [last] = pages["lessons"]["orientation"]
    phone.goto(f"{base}{last.url}")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Tandai selesai").click()
    certificate = Certificate.objects.get(participant=participant)

    phone.goto(f"{base}/id/certificates/")
    assert "Sertifikat saya" in phone.content()
    with phone.expect_navigation():
        phone.click("a.certificate-card")
    assert certificate.code in phone.inner_text(".certificate-code")
    fits_the_phone(phone)
    phone.screenshot(path=str(artifacts_dir / "certificates-1-detail.png"), full_page=True)

    with phone.expect_download() as info:
        phone.get_by_role("link", name="Unduh PDF").click()
    path = tmp_path / "sertifikat.pdf"
    info.value.save_as(path)
    body = path.read_bytes()
    assert body.startswith(b"%PDF-")
    assert len(body) <= 100 * 1024

    phone.goto(f"{base}/verify/{certificate.code}/")
    assert "Sertifikat sah" in phone.content()
    assert participant.name in phone.content()
    fits_the_phone(phone)
    phone.screenshot(path=str(artifacts_dir / "certificates-2-verify.png"), full_page=True)

    # Her facilitator sees who in the cohort has earned what.
    phone.context.clear_cookies()
    sign_in(phone, base, facilitator)
    phone.goto(f"{base}/id/learning/cohorts/")
    with phone.expect_navigation():
        phone.get_by_role("link", name="Sertifikat di kelompok saya").click()
    assert participant.name in phone.content()
    assert "Sertifikat Dasar" in phone.content()
    fits_the_phone(phone)
    phone.screenshot(path=str(artifacts_dir / "certificates-3-cohorts.png"), full_page=True)
