"""The dimensions a report breaks its indicators down by: facts about the person.

Each dimension is an SQL expression on the user row (annotated as ``value``) and a list of its
possible values with labels, read once per report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Case, CharField, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from cms.models import AgeBand, MigrantStatus, Sex, district_choices
from learning.models import Enrolment


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    expression: Callable[[], object]
    values: Callable[[object], list[tuple[str, str]]]  # fn(cohorts in scope) -> (value, label)


def _latest_cohort():
    latest = Enrolment.objects.filter(participant=OuterRef("pk")).order_by("-created_at", "-pk")
    return Cast(Subquery(latest.values("cohort")[:1]), CharField())


def _disability():
    return Case(
        When(disability_answers__has_disability=True, then=Value("yes")),
        When(disability_answers__isnull=False, then=Value("no")),
        default=Value(""),
        output_field=CharField(),
    )


DIMENSIONS = [
    Dimension("sex", _("Sex"), lambda: F("sex"), lambda cohorts: list(Sex.choices)),
    Dimension("age_band", _("Age band"), lambda: F("age_band"), lambda c: list(AgeBand.choices)),
    Dimension(
        "district",
        _("District"),
        lambda: F("district"),
        lambda cohorts: district_choices(include_inactive=True),
    ),
    Dimension(
        "migrant_status",
        _("Returning migrant or family"),
        lambda: F("migrant_status"),
        lambda cohorts: list(MigrantStatus.choices),
    ),
    Dimension(
        "disability",
        _("Disability (Washington Group)"),
        _disability,
        lambda cohorts: [
            ("yes", _("With a disability")),
            ("no", _("Without a disability")),
        ],
    ),
    Dimension(
        "cohort",
        _("Cohort"),
        _latest_cohort,
        lambda cohorts: [(str(pk), name) for pk, name in cohorts.values_list("pk", "name")],
    ),
]
DIMENSION_BY_KEY = {dimension.key: dimension for dimension in DIMENSIONS}
NOT_RECORDED = _("Not recorded")
