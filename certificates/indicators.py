"""What certificates counts for the donor reports (the ``register_report_indicators`` hook)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cms.indicators import Indicator, Period

from .models import Certificate


def issued(period: Period, participants: QuerySet) -> QuerySet:
    """People given a certificate in the period (any kind, revoked later or not: the report
    counts what happened in the period)."""
    return (
        Certificate.objects.filter(period.q("issued_at"), participant__in=participants)
        .order_by()  # the model's ordering would make DISTINCT count certificates, not people
        .values("participant")
        .distinct()
    )


def indicators() -> list[Indicator]:
    return [
        Indicator(
            key="certificates.issued",
            label=_("Certificates issued"),
            definition=_(
                "Participants given at least one certificate in the period (by the date it was "
                "issued), whatever happened to it later."
            ),
            people=issued,
            order=80,
        )
    ]
