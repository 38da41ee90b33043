"""Pages of the business showcase: the public directory and profiles, the owner's screens, and
the experts' licence check. Views parse, call a service or selector, and render."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.validators import parse_id

from . import selectors, services
from .forms import BusinessProfileForm, DirectoryFilter, LicenceForm, PhotoForm
from .models import BusinessPhoto, Licence, LicenceKind, LicenceStatus, PriceRange, ProductType

PAGE_SIZE = 12
PHOTO_MAX_AGE = 300  # seconds: a withdrawn consent is gone from caches within minutes.


# --- the public side ----------------------------------------------------------------------------


def directory(request: HttpRequest) -> HttpResponse:
    """Every public profile, with filters by district and product type."""
    form = DirectoryFilter(request.GET or None)
    district = product_type = None
    if form.is_bound and form.is_valid():
        district = form.cleaned_data["district"]
        product_type = form.cleaned_data["type"] or None
    profiles = selectors.public_profiles(district=district, product_type=product_type)
    page = Paginator(profiles, PAGE_SIZE).get_page(parse_id(request.GET.get("page")) or 1)
    query = urlencode({k: v for k, v in request.GET.items() if k in ("district", "type") and v})
    return render(
        request,
        "showcase/directory.html",
        {"form": form, "page_obj": page, "query": query},
    )


def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = selectors.profile_for_viewer(pk=pk, user=request.user)
    photos = list(profile.photos.all())
    url = request.build_absolute_uri(reverse("showcase:businessprofile", args=[profile.pk]))
    share_text = f"{profile.name} – {url}"
    licences = profile.licences.filter(status=LicenceStatus.VERIFIED)
    return render(
        request,
        "showcase/profile_detail.html",
        {
            "profile": profile,
            "photos": photos,
            "licences": licences,
            "share_url": url,
            "share_link": "https://wa.me/?" + urlencode({"text": share_text}),
            "og_image": (
                request.build_absolute_uri(
                    reverse("showcase:businessphoto_thumb", args=[photos[0].pk])
                )
                if photos
                else ""
            ),
            "is_owner": request.user.is_authenticated and profile.owner_id == request.user.pk,
        },
    )


def _photo(request: HttpRequest, pk: int, field: str) -> FileResponse:
    photo = get_object_or_404(BusinessPhoto.objects.select_related("profile"), pk=pk)
    # The same rule as the profile page: public, or the owner asking.
    selectors.profile_for_viewer(pk=photo.profile_id, user=request.user)
    try:
        handle = getattr(photo, field).open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    cache = "public" if photo.profile.is_public else "private"
    response["Cache-Control"] = f"{cache}, max-age={PHOTO_MAX_AGE}"
    return response


def photo(request: HttpRequest, pk: int) -> FileResponse:
    return _photo(request, pk, "image")


def photo_thumb(request: HttpRequest, pk: int) -> FileResponse:
    return _photo(request, pk, "thumbnail")


# --- the owner's screens ------------------------------------------------------------------------


def _participant(request: HttpRequest) -> None:
    if not request.user.is_participant:
        raise PermissionDenied


@login_required
def my_profiles(request: HttpRequest) -> HttpResponse:
    _participant(request)
    profiles = request.user.business_profiles.select_related("district").order_by("pk")
    return render(request, "showcase/my_profiles.html", {"profiles": profiles})


@login_required
def profile_create(request: HttpRequest) -> HttpResponse:
    _participant(request)
    form = BusinessProfileForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        profile = services.profile_create(owner=request.user, **form.cleaned_data)
        messages.success(request, _("Your business is saved. It is not public yet."))
        return redirect("showcase:businessprofile_edit", pk=profile.pk)
    return render(request, "showcase/profile_form.html", {"form": form, "profile": None})


def _licences(profile) -> list[Licence]:
    """Her licences in the order they are usually got: NIB, PIRT, halal, BPOM."""
    order = {kind: n for n, kind in enumerate(LicenceKind.values)}
    licences = profile.licences.select_related("verified_by")
    return sorted(licences, key=lambda licence: order.get(licence.kind, 99))


def _edit_context(profile, **forms) -> dict:
    context = {
        "profile": profile,
        "form": BusinessProfileForm(instance=profile),
        "photo_form": PhotoForm(),
        "licence_form": LicenceForm(licences=_licences(profile)),
        "photos": list(profile.photos.all()),
        "licences": _licences(profile),
        "lesson": selectors.licensing_lesson(),
    }
    context["can_add_photo"] = len(context["photos"]) < services.MAX_PHOTOS
    context.update(forms)
    return context


@login_required
def profile_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _participant(request)
    profile = selectors.own_profile(pk=pk, user=request.user)
    form = BusinessProfileForm(request.POST or None, instance=profile)
    if request.method == "POST":
        if form.is_valid():
            services.profile_update(profile=profile, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved."))
            return redirect("showcase:businessprofile_edit", pk=profile.pk)
        profile.refresh_from_db()
    return render(request, "showcase/profile_edit.html", _edit_context(profile, form=form))


@login_required
@require_POST
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    _participant(request)
    profile = selectors.own_profile(pk=pk, user=request.user)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(profile=profile, by=request.user, upload=form.cleaned_data["photo"])
        except ValidationError as error:
            form.add_error("photo", error)
    if form.errors:
        context = _edit_context(profile, photo_form=form)
        return render(request, "showcase/profile_edit.html", context, status=400)
    messages.success(request, _("Photo added."))
    next_url = reverse("showcase:businessprofile_edit", args=[profile.pk])
    if request.headers.get("X-Requested-With") == "XMLHttpRequest":
        # shrink.js sent it: it goes to the next page itself, so the message is shown there.
        return JsonResponse({"next": next_url})
    return redirect(next_url)


@login_required
@require_POST
def photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    _participant(request)
    profile = selectors.own_profile(pk=pk, user=request.user)
    photo = get_object_or_404(BusinessPhoto, pk=photo_pk, profile=profile)
    services.photo_delete(photo=photo, by=request.user)
    messages.success(request, _("Photo removed."))
    return redirect("showcase:businessprofile_edit", pk=profile.pk)


@login_required
@require_POST
def licences_update(request: HttpRequest, pk: int) -> HttpResponse:
    _participant(request)
    profile = selectors.own_profile(pk=pk, user=request.user)
    form = LicenceForm(request.POST, licences=_licences(profile))
    if form.is_valid():
        try:
            services.licences_update(profile=profile, by=request.user, statuses=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        context = _edit_context(profile, licence_form=form)
        return render(request, "showcase/profile_edit.html", context, status=400)
    messages.success(request, _("Licences saved."))
    return redirect("showcase:businessprofile_edit", pk=profile.pk)


@login_required
@require_POST
def set_public(request: HttpRequest, pk: int) -> HttpResponse:
    _participant(request)
    profile = selectors.own_profile(pk=pk, user=request.user)
    public = request.POST.get("public") == "1"
    services.profile_set_public(profile=profile, by=request.user, public=public)
    if public:
        messages.success(request, _("Your business is now in the public directory."))
    else:
        messages.success(request, _("Your business is no longer public."))
    return redirect("showcase:businessprofile_edit", pk=profile.pk)


# --- experts and managers -----------------------------------------------------------------------


def _expert(request: HttpRequest) -> None:
    if not request.user.is_expert:
        raise PermissionDenied


@login_required
def licence_list(request: HttpRequest) -> HttpResponse:
    """Licences participants say they have, for an expert to check and verify."""
    _expert(request)
    licences = selectors.licences_awaiting_verification()
    page = Paginator(licences, 30).get_page(parse_id(request.GET.get("page")) or 1)
    return render(request, "showcase/licence_list.html", {"page_obj": page})


@login_required
@require_POST
def licence_verify(request: HttpRequest, pk: int) -> HttpResponse:
    _expert(request)
    licence = get_object_or_404(Licence.objects.select_related("profile"), pk=pk)
    try:
        services.licence_verify(licence=licence, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Licence marked verified."))
    return redirect("showcase:licence_list")


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    """The public directory as CSV, for managers preparing an event."""
    if not request.user.is_manager:
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="usaha-publik.csv"'
    response.write("\ufeff")  # so spreadsheets read it as UTF-8
    writer = csv.writer(response)
    kinds = LicenceKind.values
    writer.writerow(
        [
            _("Business"),
            _("Product type"),
            _("District"),
            _("Price range"),
            _("WhatsApp"),
            _("Featured"),
            _("Public since"),
            *[_("%(licence)s verified") % {"licence": k.upper()} for k in kinds],
            _("Link"),
        ]
    )
    for profile in selectors.public_profiles().prefetch_related("licences"):
        verified = {
            licence.kind for licence in profile.licences.all() if licence.status == "verified"
        }
        link = request.build_absolute_uri(reverse("showcase:businessprofile", args=[profile.pk]))
        writer.writerow(
            [
                _safe(profile.name),
                ProductType(profile.product_type).label,
                profile.district.name,
                PriceRange(profile.price_range).label,
                profile.whatsapp,
                _("yes") if profile.featured else "",
                profile.public_since.isoformat(timespec="minutes"),
                *[_("yes") if k in verified else "" for k in kinds],
                link,
            ]
        )
    return response


def _safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
