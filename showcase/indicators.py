"""What the showcase counts for the donor reports (the ``register_report_indicators`` hook).

Each function returns an unevaluated queryset of participant ids (see ``cms/indicators.py``).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cms.indicators import Indicator, Period

from .models import BusinessProfile, Licence, LicenceKind, LicenceStatus


def with_profile(period: Period, people: QuerySet) -> QuerySet:
    return BusinessProfile.objects.filter(period.q("created_at")).values("owner")


def licence_verified(kind: str):
    """People with a business whose ``kind`` licence an expert verified, by the verification
    date."""

    def people_verified(period: Period, people: QuerySet) -> QuerySet:
        return (
            Licence.objects.filter(kind=kind, status=LicenceStatus.VERIFIED)
            .filter(period.q("verified_at"))
            .values("profile__owner")
        )

    return people_verified


def indicators() -> list[Indicator]:
    items = [
        Indicator(
            key="showcase.profile",
            label=_("Has a business profile"),
            definition=_(
                "People who added at least one business profile (public or not), counted by "
                "the date they added it."
            ),
            people=with_profile,
            order=70,
        )
    ]
    for n, kind in enumerate(LicenceKind):
        items.append(
            Indicator(
                key=f"showcase.licence_verified.{kind.value}",
                label=_("Business with %(licence)s verified") % {"licence": kind.value.upper()},
                definition=_(
                    "People with a business whose %(licence)s licence a programme expert saw "
                    "and marked verified, counted by the date of the verification."
                )
                % {"licence": kind.value.upper()},
                people=licence_verified(kind.value),
                order=71 + n,
            )
        )
    return items
