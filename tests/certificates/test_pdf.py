"""The PDF: small enough for weak data, in the participant's language, and its QR code
decodes (zxing-cpp) to the verification URL."""

import re
import struct
import zlib

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from certificates import services
from tests.certificates.conftest import complete

pytestmark = pytest.mark.django_db

MAX_BYTES = 100 * 1024


def _png(width: int, height: int, flate: bytes) -> bytes:
    """A PNG around the PDF's image stream: PDF's Predictor 15 is PNG's own row filtering, so
    the Flate stream is a valid IDAT for an 8-bit grey image of that size."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", flate) + chunk(b"IEND", b"")
    )


def qr_images(pdf: bytes) -> list[Image.Image]:
    import io

    images = []
    for match in re.finditer(rb"obj\n(<<(?:(?!endobj).)*?/Subtype /Image.*?)\nstream\n", pdf, re.S):
        head = match.group(1)
        width = int(re.search(rb"/Width (\d+)", head).group(1))
        height = int(re.search(rb"/Height (\d+)", head).group(1))
        length = int(re.search(rb"/Length (\d+)", head).group(1))
        assert b"/DeviceGray" in head and b"/FlateDecode" in head
        stream = pdf[match.end() : match.end() + length]
        images.append(Image.open(io.BytesIO(_png(width, height, stream))))
    return images


@pytest.fixture
def certificate(programme, member, basic_type):
    complete(programme, member, "internalisation", "orientation")
    [certificate] = services.certificate_issue_if_earned(participant=member)
    return certificate


def test_pdf_is_small_and_its_qr_opens_the_verification_page(client, member, certificate):
    client.force_login(member)
    response = client.get(reverse("certificates:pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body.startswith(b"%PDF-")
    assert len(body) <= MAX_BYTES, len(body)
    [image] = qr_images(body)
    [decoded] = zxingcpp.read_barcodes(image)
    assert decoded.format == zxingcpp.BarcodeFormat.QRCode
    assert decoded.text == f"http://testserver/verify/{certificate.code}/"
    # and that URL is the public verification page of this certificate
    page = client.get(decoded.text.removeprefix("http://testserver"), follow=True)
    assert page.status_code == 200
    assert certificate.name in page.content.decode()


def _text(pdf: bytes) -> str:
    """The page's text operators (the content stream is Flate-compressed)."""
    out = []
    for match in re.finditer(rb"/Length (\d+)[^>]*>>\nstream\n", pdf):
        start, length = match.end(), int(match.group(1))
        try:
            out.append(zlib.decompress(pdf[start : start + length]).decode("latin-1"))
        except zlib.error:
            continue
    return "\n".join(out)


@pytest.mark.parametrize(
    ("language", "heading", "stages"),
    [("id", "Sertifikat", "Tahap"), ("en", "Certificate", "Stages")],
)
def test_pdf_is_in_the_participants_language(
    client, member, certificate, language, heading, stages
):
    member.preferred_language = language
    member.save(update_fields=["preferred_language"])
    client.force_login(member)
    body = client.get(reverse("certificates:pdf", args=[certificate.pk])).content
    text = _text(body)
    assert f"({heading})" in text
    assert stages in text
    assert certificate.name in text
    assert "Program" in text  # the programme
    assert "Yayasan A, LSM B" in text  # the implementing organisations
    assert certificate.code in text
