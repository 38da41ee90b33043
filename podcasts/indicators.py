"""What podcasts count for the donor reports (the ``register_report_indicators`` hook)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cms.indicators import Indicator, Period

from .models import PlaybackPosition


def listened(period: Period, people: QuerySet) -> QuerySet:
    return (
        PlaybackPosition.objects.filter(seconds__gt=0).filter(period.q("updated_at")).values("user")
    )


def indicators() -> list[Indicator]:
    return [
        Indicator(
            key="podcasts.listened",
            label=_("Listened to an episode"),
            definition=_(
                "People who played at least one podcast episode while signed in (a saved "
                "playback position), counted by the date they last played it."
            ),
            people=listened,
            order=70,
        )
    ]
