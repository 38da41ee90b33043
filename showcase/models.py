"""A participant's business: what she sells, where, photos, and her product licences.

Nothing of a profile is shown to anyone but its owner (and the programme's staff screens) until
she ticks ``is_public``; unticking it takes the profile, its photos and its share link down at
once, because every public page and photo is served by a view that checks the flag.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from cms.models.districts import District

MAX_PHOTOS = 4


class ProductType(models.TextChoices):
    FOOD = "food", _("Food and drink")
    CRAFT = "craft", _("Crafts and weaving")
    CLOTHING = "clothing", _("Clothing")
    FARM = "farm", _("Farm and fishery produce")
    SERVICE = "service", _("Services")
    OTHER = "other", _("Other")


class PriceRange(models.TextChoices):
    UNDER_25K = "under_25k", _("Under Rp 25,000")
    TO_100K = "25k_100k", _("Rp 25,000 – 100,000")
    TO_500K = "100k_500k", _("Rp 100,000 – 500,000")
    OVER_500K = "over_500k", _("Over Rp 500,000")


class LicenceKind(models.TextChoices):
    NIB = "nib", _("NIB (business number)")
    PIRT = "pirt", _("PIRT (home food production)")
    HALAL = "halal", _("Halal certificate")
    BPOM = "bpom", _("BPOM registration")


class LicenceStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    HAVE_IT = "have_it", _("I have it")
    VERIFIED = "verified", _("Verified by an expert")


class BusinessProfile(models.Model):
    """One business of a participant. Public only while ``is_public`` (her consent) is on."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="business_profiles",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("business name"), max_length=80)
    description = models.TextField(
        _("what you sell"),
        max_length=500,
        help_text=_("A few sentences buyers will read: what you make, how, and for whom."),
    )
    product_type = models.CharField(_("product type"), max_length=20, choices=ProductType.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("district")
    )
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=16,
        help_text=_("Buyers tap it to chat with you on WhatsApp."),
    )
    price_range = models.CharField(_("price range"), max_length=20, choices=PriceRange.choices)
    is_public = models.BooleanField(_("shown in the public directory"), default=False)
    public_since = models.DateTimeField(_("consent given at"), null=True, blank=True)
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first in the directory, for events.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("business profile")
        verbose_name_plural = _("business profiles")
        ordering = ["-featured", "-public_since", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_public=False) | Q(public_since__isnull=False),
                name="showcase_public_has_consent_time",
            ),
        ]
        indexes = [models.Index(fields=["is_public", "district", "product_type"])]

    def __str__(self) -> str:
        return self.name

    @property
    def whatsapp_link(self) -> str:
        return "https://wa.me/" + self.whatsapp.lstrip("+")


def photo_upload_to(instance: BusinessPhoto, filename: str) -> str:
    # Outside PUBLIC_MEDIA_PREFIXES: photos are served by a view that checks consent.
    return f"showcase/{instance.profile_id}/{filename}"


class BusinessPhoto(models.Model):
    """A photo of a business, kept re-encoded (at most 1600 px) and as a small thumbnail."""

    profile = models.ForeignKey(BusinessProfile, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=photo_upload_to, max_length=200)
    thumbnail = models.FileField(upload_to=photo_upload_to, max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    thumb_width = models.PositiveIntegerField(default=0)
    thumb_height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return f"{self.profile} · {self.pk}"


class Licence(models.Model):
    """Where a business stands with one product licence; only an expert sets ``verified``."""

    profile = models.ForeignKey(BusinessProfile, on_delete=models.CASCADE, related_name="licences")
    kind = models.CharField(_("licence"), max_length=10, choices=LicenceKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=LicenceStatus.choices,
        default=LicenceStatus.NOT_STARTED,
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["profile", "kind"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        constraints = [
            models.UniqueConstraint(fields=["profile", "kind"], name="showcase_one_licence_kind"),
            models.CheckConstraint(
                condition=Q(status="verified", verified_at__isnull=False)
                | (~Q(status="verified") & Q(verified_at__isnull=True)),
                name="showcase_verified_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} · {self.get_kind_display()}"


@register_setting(icon="tag")
class ShowcaseSettings(BaseGenericSetting):
    """Which Mastery lesson explains product licences (linked from each licence's step)."""

    licensing_lesson = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lesson on product licences"),
        help_text=_(
            "Linked from the licence checklist. When empty, the lesson whose slug is the "
            "SHOWCASE_LICENSING_LESSON_SLUG setting is used."
        ),
    )

    panels = [FieldPanel("licensing_lesson")]

    class Meta:
        verbose_name = _("business showcase")
