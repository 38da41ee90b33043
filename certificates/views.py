"""Participants see and download their own certificates; facilitators see their cohorts';
anyone can verify a code. Views parse, call a selector or service, and render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from certificates import selectors
from certificates.models import Certificate
from certificates.pdf import certificate_pdf
from cms import throttle
from learning.views import participant_view, staff_view


def verify_url(request: HttpRequest, code: str) -> str:
    """The short public URL printed in the QR code (no language prefix: the reader's browser
    picks the language)."""
    return request.build_absolute_uri(f"/verify/{code}/")


def _own(request: HttpRequest, pk: int) -> Certificate:
    # Another person's certificate is simply not there for you: 404, never 403.
    return get_object_or_404(
        Certificate.objects.select_related("certificate_type__programme"),
        pk=pk,
        participant=request.user,
    )


@require_GET
@participant_view
def certificate_list(request: HttpRequest) -> HttpResponse:
    certificates = selectors.certificates_of(participant=request.user)
    return render(request, "certificates/certificate_list.html", {"certificates": certificates})


@require_GET
@participant_view
def certificate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _own(request, pk)
    context = {"certificate": certificate, "verify_url": verify_url(request, certificate.code)}
    return render(request, "certificates/certificate_detail.html", context)


@require_GET
@participant_view
def certificate_pdf_download(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = _own(request, pk)
    if not certificate.is_valid:
        raise Http404
    language = request.user.preferred_language or get_language() or "id"
    body = certificate_pdf(
        certificate=certificate,
        verify_url=verify_url(request, certificate.code),
        language=language,
    )
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.code}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@staff_view
def cohort_certificates(request: HttpRequest) -> HttpResponse:
    certificates = selectors.certificates_for_staff(user=request.user)
    return render(request, "certificates/cohort_certificates.html", {"certificates": certificates})


@require_GET
def verify_form(request: HttpRequest) -> HttpResponse:
    """Type a code (from paper); the answer is the code's own page."""
    code = "".join(ch for ch in request.GET.get("code", "").upper() if ch.isalnum())[:40]
    if code:
        return redirect("verify:verify", code=code)
    return render(request, "certificates/verify_form.html", {})


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    if throttle.attempt(request, "verify"):
        context = {"code": code[:40], "too_many_tries": throttle.TOO_MANY_TRIES}
        return render(request, "certificates/verify.html", context, status=throttle.STATUS)
    certificate = selectors.certificate_by_code(code=code)
    context = {"code": code[:40], "certificate": certificate}
    status = 200 if certificate is not None else 404
    response = render(request, "certificates/verify.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response
