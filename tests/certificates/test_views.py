"""Pages: a participant's own certificates only (another's id is a 404), the public
verification of valid, revoked and made-up codes (rate-limited per address), the
facilitator's view of their cohorts, and the manager's revocation in the admin."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from certificates import services
from certificates.models import CODE_ALPHABET, CODE_LENGTH, Certificate
from tests.certificates.conftest import complete

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certificate(programme, member, basic_type):
    complete(programme, member, "internalisation", "orientation")
    [certificate] = services.certificate_issue_if_earned(participant=member)
    return certificate


def test_the_participant_sees_their_certificate(client, member, certificate):
    client.force_login(member)
    listing = client.get(reverse("certificates:list"))
    assert "Sertifikat Dasar" in listing.content.decode()
    page = client.get(reverse("certificates:detail", args=[certificate.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert certificate.code in html
    assert reverse("certificates:pdf", args=[certificate.pk]) in html


def test_another_persons_certificate_is_not_there(
    client, certificate, make_participant, facilitator
):
    for someone in (make_participant(), facilitator):
        client.force_login(someone)
        for name in ("certificates:detail", "certificates:pdf"):
            assert client.get(reverse(name, args=[certificate.pk])).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, certificate):
    response = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_codes_are_long_and_from_the_unambiguous_alphabet(certificate):
    assert len(certificate.code) == CODE_LENGTH >= 10
    assert set(certificate.code) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)


def test_verify_a_valid_code_shows_only_what_the_paper_shows(client, member, certificate):
    member.email = "ani@example.org"
    member.save()
    response = client.get(reverse("verify:verify", args=[certificate.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valid certificate" in html
    assert member.name in html
    assert "Sertifikat Dasar" in html
    assert "Internalisation, Orientation" in html
    assert member.mobile not in html
    assert "ani@example.org" not in html


def test_the_typed_code_is_forgiving_and_leads_to_its_page(client, certificate):
    form = client.get(reverse("verify:verify_form"))
    assert form.status_code == 200
    typed = f" {certificate.code[:4].lower()}-{certificate.code[4:]} "
    response = client.get(reverse("verify:verify_form"), {"code": typed}, follow=True)
    assert response.status_code == 200
    assert "Valid certificate" in response.content.decode()


def test_verify_a_revoked_code_says_so_with_the_date(client, certificate, manager):
    revoked = services.certificate_revoke(certificate=certificate, by=manager, reason="Keliru")
    response = client.get(reverse("verify:verify", args=[certificate.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Valid certificate" not in html
    assert "Revoked on" in html
    assert f"{revoked.revoked_at:%Y}" in html
    assert "Keliru" not in html  # the reason is the programme's, not the public's


@pytest.mark.parametrize("code", ["ABCDEFGHJKMN", "short", "x" * 300, "<script>", "0O1IL0O1IL0O"])
def test_a_made_up_code_says_so_clearly(client, certificate, code):
    response = client.get(reverse("verify:verify", args=[code]))
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()


def test_verification_is_rate_limited_per_address(client, certificate, settings):
    settings.RATE_LIMITS = {"verify:ip": "3/10m"}
    url = reverse("verify:verify", args=[certificate.code])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    blocked = client.get(url)
    assert blocked.status_code == 429
    assert certificate.name not in blocked.content.decode()
    other = client.get(url, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200


def test_facilitators_see_their_cohorts_certificates_only(
    client, certificate, facilitator, make_facilitator, make_participant
):
    client.force_login(facilitator)
    html = client.get(reverse("certificates:cohorts")).content.decode()
    assert certificate.name in html and "Sertifikat Dasar" in html
    client.force_login(make_facilitator())
    html = client.get(reverse("certificates:cohorts")).content.decode()
    assert certificate.name not in html
    client.force_login(make_participant())
    assert client.get(reverse("certificates:cohorts")).status_code == 404


def test_manager_revokes_in_the_admin_with_a_reason(client, certificate, manager):
    client.force_login(manager)
    url = reverse("certificates_issued:edit", args=[certificate.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, {"revoke_reason": ""})
    assert refused.status_code == 200
    certificate.refresh_from_db()
    assert certificate.is_valid
    client.post(url, {"revoke_reason": "Nama salah ketik"})
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert certificate.revoked_by == manager
    assert certificate.revoke_reason == "Nama salah ketik"


def test_managers_define_what_earns_a_certificate_in_the_admin(client, manager, programme):
    client.force_login(manager)
    response = client.post(
        reverse("certificate_types:add"),
        {
            "name": "Sertifikat Mastery",
            "programme": programme["programme"].pk,
            "stages": [programme["mastery"].pk],
            "needs_accepted_assignment": "on",
            "needs_clinic_attended": "on",
            "organisations": "",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from certificates.models import CertificateType

    kind = CertificateType.objects.get(name="Sertifikat Mastery")
    assert list(kind.stages.all()) == [programme["mastery"].specific]
    assert kind.needs_clinic_attended and kind.needs_accepted_assignment
    assert not Certificate.objects.exists()


def test_manager_reissues_a_revoked_certificate_in_the_admin(
    client, certificate, manager, facilitator
):
    services.certificate_revoke(certificate=certificate, by=manager, reason="Nama salah")
    url = reverse("certificates_issued:reissue", args=[certificate.pk])
    client.force_login(facilitator)
    client.post(url)
    assert Certificate.objects.filter(participant=certificate.participant).count() == 1
    client.force_login(manager)
    index = client.get(reverse("certificates_issued:index"))
    assert url in index.content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    new = Certificate.objects.get(reissue_of=certificate)
    assert new.is_valid and new.issued_by == manager
    client.post(url)  # twice: refused with a message, nothing more issued
    assert Certificate.objects.filter(participant=certificate.participant).count() == 2
