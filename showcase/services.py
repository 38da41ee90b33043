"""Writes of the business showcase: the one place its rules are kept.

Only the owner changes her profile, photos, licences and consent; only a member of the experts
group marks a licence verified. Each refusal raises before anything is written.
"""

from __future__ import annotations

import io
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image

from cms.models import User
from learning.uploads import UploadRejected, prepare_photo

from .models import (
    MAX_PHOTOS,
    BusinessPhoto,
    BusinessProfile,
    Licence,
    LicenceKind,
    LicenceStatus,
)

THUMB_MAX_SIDE = 480
THUMB_QUALITY = 70
PROFILE_FIELDS = ("name", "description", "product_type", "district", "whatsapp", "price_range")


def _check_owner(profile: BusinessProfile, by: User) -> None:
    if profile.owner_id != by.pk:
        raise PermissionDenied(_("Only the owner can change this business."))


def profile_create(*, owner: User, **fields) -> BusinessProfile:
    """A new, not public profile with its four licences at "not started"."""
    if not owner.is_participant:
        raise PermissionDenied(_("Only participants can add a business."))
    with transaction.atomic():
        profile = BusinessProfile.objects.create(
            owner=owner, **{k: v for k, v in fields.items() if k in PROFILE_FIELDS}
        )
        Licence.objects.bulk_create(
            [Licence(profile=profile, kind=kind) for kind in LicenceKind.values]
        )
    return profile


def profile_update(*, profile: BusinessProfile, by: User, **fields) -> BusinessProfile:
    _check_owner(profile, by)
    for name, value in fields.items():
        if name in PROFILE_FIELDS:
            setattr(profile, name, value)
    profile.save()
    return profile


def profile_set_public(*, profile: BusinessProfile, by: User, public: bool) -> BusinessProfile:
    """Give or withdraw consent. Withdrawn, the profile and its photos are gone from every
    public page on the next request; given again, the consent time is the new one."""
    _check_owner(profile, by)
    profile.is_public = public
    profile.public_since = timezone.now() if public else None
    profile.save(update_fields=["is_public", "public_since", "updated_at"])
    return profile


def _thumbnail(data: bytes) -> tuple[ContentFile, int, int]:
    image = Image.open(io.BytesIO(data))
    image.thumbnail((THUMB_MAX_SIDE, THUMB_MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=THUMB_QUALITY, optimize=True, progressive=True)
    return ContentFile(out.getvalue()), image.width, image.height


def photo_add(*, profile: BusinessProfile, by: User, upload) -> BusinessPhoto:
    """Keep a photo re-encoded by ``learning.uploads.prepare_photo`` and a small thumbnail.

    At most ``MAX_PHOTOS`` a profile: the profile row is locked while counting, so two uploads
    at once cannot make a fifth. A photo we cannot read raises ValidationError.
    """
    _check_owner(profile, by)
    try:
        prepared = prepare_photo(upload)
    except UploadRejected as error:
        raise ValidationError(error.message) from None
    data = prepared.content.read()
    thumb, thumb_width, thumb_height = _thumbnail(data)
    stem = uuid.uuid4().hex
    with transaction.atomic():
        BusinessProfile.objects.select_for_update().get(pk=profile.pk)
        if BusinessPhoto.objects.filter(profile=profile).count() >= MAX_PHOTOS:
            raise ValidationError(
                _("A business can have at most %(n)d photos. Remove one first.") % {"n": MAX_PHOTOS}
            )
        photo = BusinessPhoto(
            profile=profile,
            width=prepared.width or 0,
            height=prepared.height or 0,
            thumb_width=thumb_width,
            thumb_height=thumb_height,
        )
        photo.image.save(f"{stem}.jpg", ContentFile(data), save=False)
        photo.thumbnail.save(f"{stem}-small.jpg", thumb, save=False)
        photo.save()
    return photo


def photo_delete(*, photo: BusinessPhoto, by: User) -> None:
    _check_owner(photo.profile, by)
    image, thumbnail = photo.image, photo.thumbnail
    photo.delete()
    transaction.on_commit(lambda: (image.delete(save=False), thumbnail.delete(save=False)))


def licences_update(*, profile: BusinessProfile, by: User, statuses: dict[str, str]) -> None:
    """The owner's own statuses. She cannot mark a licence verified; changing one an expert
    verified takes the verification away (what the expert saw is no longer what she says)."""
    _check_owner(profile, by)
    allowed = set(LicenceStatus.values) - {LicenceStatus.VERIFIED}
    with transaction.atomic():
        for licence in Licence.objects.select_for_update().filter(profile=profile):
            new = statuses.get(licence.kind)
            if not new or new == licence.status:
                continue
            if new not in allowed:
                raise ValidationError(_("Only an expert can mark a licence verified."))
            licence.status = new
            licence.verified_by = None
            licence.verified_at = None
            licence.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])


def licence_verify(*, licence: Licence, by: User) -> Licence:
    """An expert saw the licence itself: it is verified, by whom and when."""
    if not by.is_expert:
        raise PermissionDenied(_("Only experts can verify a licence."))
    if licence.profile.owner_id == by.pk:
        raise PermissionDenied(_("You cannot verify your own licence."))
    with transaction.atomic():
        licence = Licence.objects.select_for_update().get(pk=licence.pk)
        if licence.status == LicenceStatus.VERIFIED:
            return licence
        licence.status = LicenceStatus.VERIFIED
        licence.verified_by = by
        licence.verified_at = timezone.now()
        licence.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])
    return licence
