"""The certificate as a one-page A4 PDF (fpdf2, the built-in Helvetica: no font file to
embed, so the file stays a few kilobytes) with a QR code (segno) of the verification URL.

The built-in fonts cover Latin-1 only: other letters are written without their accents, or
as "?", rather than failing (names in the programme are Latin script).
"""

from __future__ import annotations

import io
import unicodedata

import segno
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF
from PIL import Image

from certificates.models import Certificate

QR_SCALE = 4  # pixels per module in the embedded PNG: sharp when printed, small in bytes


def _latin1(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text))
    out = []
    for ch in text:
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(plain or "?")
    return "".join(out)


def qr_image(url: str) -> Image.Image:
    """The QR code of ``url`` as an 8-bit grey image (embedded losslessly with Flate)."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=4)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def certificate_pdf(*, certificate: Certificate, verify_url: str, language: str) -> bytes:
    """The PDF of ``certificate`` in ``language``; its QR code opens ``verify_url``."""
    kind = certificate.certificate_type
    with translation.override(language):
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_title(_latin1(f"{kind.name} - {certificate.name}"))
        pdf.set_creator("Berdaya")
        pdf.set_auto_page_break(False)
        pdf.add_page()
        width = pdf.w - 40
        pdf.set_draw_color(40, 90, 60)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
        pdf.set_xy(20, 30)
        pdf.set_font("Helvetica", "B", 26)
        pdf.multi_cell(width, 12, _latin1(_("Certificate")), align="C")
        pdf.set_font("Helvetica", "", 16)
        pdf.multi_cell(width, 9, _latin1(kind.name), align="C")
        pdf.ln(10)
        pdf.set_font("Helvetica", "", 12)
        pdf.multi_cell(width, 7, _latin1(_("This certifies that")), align="C")
        pdf.set_font("Helvetica", "B", 22)
        pdf.multi_cell(width, 12, _latin1(certificate.name), align="C")
        pdf.set_font("Helvetica", "", 12)
        pdf.multi_cell(
            width,
            7,
            _latin1(
                _("completed the programme %(programme)s") % {"programme": kind.programme.title}
            ),
            align="C",
        )
        pdf.ln(6)
        if certificate.stages:
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(width, 7, _latin1(_("Stages completed")), align="C")
            pdf.set_font("Helvetica", "", 12)
            pdf.multi_cell(width, 7, _latin1(", ".join(certificate.stages)), align="C")
            pdf.ln(4)
        issued = formats.date_format(timezone.localtime(certificate.issued_at), "DATE_FORMAT")
        pdf.multi_cell(width, 7, _latin1(_("Issued on %(date)s") % {"date": issued}), align="C")
        if kind.organisations_text:
            pdf.ln(4)
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(width, 7, _latin1(_("Implementing organisations")), align="C")
            pdf.set_font("Helvetica", "", 12)
            pdf.multi_cell(width, 7, _latin1(kind.organisations_text), align="C")
        size = 45
        top = pdf.h - 30 - size
        pdf.image(qr_image(verify_url), x=(pdf.w - size) / 2, y=top, w=size, h=size)
        pdf.set_xy(20, top + size + 2)
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(
            width,
            5,
            _latin1(_("Verification code: %(code)s") % {"code": certificate.code}),
            align="C",
        )
        pdf.multi_cell(width, 5, _latin1(verify_url), align="C")
        return bytes(pdf.output())
