"""The contract between the report and the apps that count things: indicators.

An app describes what it can count as :class:`Indicator` objects and returns them from a
``register_report_indicators`` hook (see ``cms/hooks.py``), in its own ``indicators.py``::

    @hooks.register("register_report_indicators")
    def indicators():
        return [Indicator(key="podcasts.listened", label=..., definition=..., people=listened)]

``people(period, participants)`` gets the report's :class:`Period` and the queryset of people
the report is about (already filtered by district, cohort and who may see them) and returns a
queryset of the ``id`` of each person counted, **unevaluated** (``.values("participant")``):
the report nests it in one SQL query, so the number of queries never depends on the number of
people. It counts a person once, however many times the thing happened, and counts by *when
the thing happened* (``period.q("field")``).

Indicators count people, so every dimension of the person (sex, age band, district, returnee
or family, disability, cohort) applies to all of them unless ``dimensions`` says otherwise.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from wagtail import hooks

REGISTER_REPORT_INDICATORS = "register_report_indicators"

# Every person dimension the report knows (reports/dimensions.py describes them).
ALL_DIMENSIONS = ("sex", "age_band", "district", "migrant_status", "disability", "cohort")


@dataclass(frozen=True)
class Period:
    """From ``start`` (inclusive) to ``end`` (exclusive), aware datetimes; None is open."""

    start: datetime.datetime | None = None
    end: datetime.datetime | None = None

    def q(self, field: str) -> Q:
        """``Q`` keeping rows whose ``field`` (a datetime) falls in the period."""
        condition = Q()
        if self.start is not None:
            condition &= Q(**{f"{field}__gte": self.start})
        if self.end is not None:
            condition &= Q(**{f"{field}__lt": self.end})
        return condition

    @property
    def reference_time(self) -> datetime.datetime:
        """The period's end, or now when it is open: "in the last 30 days" counts back from it."""
        from django.utils import timezone

        return self.end or timezone.now()


@dataclass(frozen=True)
class Indicator:
    """Something the programme reports as a number of people.

    ``key`` is stable and unique ("learning.enrolled"): exports and IATI mappings use it.
    ``label`` is short (a table row); ``definition`` says exactly who is counted and by which
    date, in words a donor reads (it goes into the XLSX). ``order`` sorts the rows.
    """

    key: str
    label: str
    definition: str
    people: Callable[[Period, QuerySet], QuerySet]
    order: int = 100
    dimensions: tuple[str, ...] = ALL_DIMENSIONS

    def supports(self, dimension: str) -> bool:
        return dimension in self.dimensions


def collect_indicators() -> list[Indicator]:
    """Every registered indicator, in order; a key registered twice is an error."""
    found: dict[str, Indicator] = {}
    for fn in hooks.get_hooks(REGISTER_REPORT_INDICATORS):
        for indicator in fn() or []:
            if indicator.key in found:
                raise ValueError(f"Indicator {indicator.key!r} is registered twice.")
            found[indicator.key] = indicator
    return sorted(found.values(), key=lambda item: (item.order, item.key))
