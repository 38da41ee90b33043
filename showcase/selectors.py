"""Reads of the business showcase: what the public may see, what a viewer may open."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from wagtail.models import Page

from cms.models import LessonPage, User

from .models import BusinessPhoto, BusinessProfile, Licence, LicenceStatus, ShowcaseSettings


def public_profiles(*, district=None, product_type: str | None = None) -> QuerySet:
    """Profiles whose owner consented, featured first, then the newest consent."""
    profiles = BusinessProfile.objects.filter(is_public=True).select_related("district")
    if district is not None:
        profiles = profiles.filter(district=district)
    if product_type:
        profiles = profiles.filter(product_type=product_type)
    return profiles.prefetch_related(
        Prefetch("photos", queryset=BusinessPhoto.objects.order_by("pk"))
    ).order_by("-featured", "-public_since", "-pk")


def profile_for_viewer(*, pk: int | None, user: User) -> BusinessProfile:
    """A profile the viewer may see: a public one, or her own. Anything else is 404, the same
    answer as for an id that does not exist, so nobody learns a private profile is there."""
    profile = (
        BusinessProfile.objects.select_related("district", "owner").filter(pk=pk).first()
        if pk
        else None
    )
    if profile is None:
        raise Http404
    if profile.is_public or (user.is_authenticated and profile.owner_id == user.pk):
        return profile
    raise Http404


def own_profile(*, pk: int | None, user: User) -> BusinessProfile:
    """The viewer's own profile; another person's id is 404."""
    profile = BusinessProfile.objects.filter(pk=pk, owner_id=user.pk).first() if pk else None
    if profile is None:
        raise Http404
    return profile


def licensing_lesson() -> Page | None:
    """The Mastery lesson on product licences, in the active language when translated."""
    chosen = ShowcaseSettings.load().licensing_lesson
    page = chosen.specific if chosen is not None and chosen.live else None
    if page is None:
        slug = getattr(settings, "SHOWCASE_LICENSING_LESSON_SLUG", "")
        page = LessonPage.objects.live().filter(slug=slug).first() if slug else None
    if page is None:
        return None
    return page.localized


def licences_awaiting_verification() -> QuerySet:
    """Licences an owner says she has, for an expert to see and verify."""
    return (
        Licence.objects.filter(status=LicenceStatus.HAVE_IT)
        .select_related("profile__owner", "profile__district")
        .order_by("updated_at")
    )
