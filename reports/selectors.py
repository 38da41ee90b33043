"""The report: every registered indicator counted by every dimension, suppressed for export.

It runs a fixed number of queries whatever the number of people: one aggregate query per
dimension (each indicator is a ``COUNT(*) FILTER (WHERE id IN (...))`` of it), plus a few small
reads (indicator set-up, districts, cohorts).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.indicators import Indicator, Period, collect_indicators
from cms.models import Role, User
from learning.models import Cohort, Enrolment
from learning.selectors import cohorts_for_staff

from .dimensions import DIMENSION_BY_KEY, DIMENSIONS, NOT_RECORDED, Dimension
from .suppression import Cell, suppress_rows

OTHER = "__other__"
PARTICIPANTS_KEY = "participants"


@dataclass
class Filters:
    """What the report is about; ``end`` is the last day included."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    district: str = ""
    cohort: Cohort | None = None

    def period(self) -> Period:
        zone = timezone.get_default_timezone()

        def midnight(day):
            return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)

        return Period(
            start=midnight(self.start) if self.start else None,
            end=midnight(self.end + datetime.timedelta(days=1)) if self.end else None,
        )

    def as_dict(self) -> dict:
        return {
            "from": self.start.isoformat() if self.start else "",
            "to": self.end.isoformat() if self.end else "",
            "district": self.district,
            "cohort": self.cohort.name if self.cohort else "",
        }


@dataclass
class Row:
    key: str
    label: str
    definition: str
    cells: list[Cell]
    total: Cell


@dataclass
class Table:
    dimension: Dimension
    columns: list[tuple[str, str]]
    rows: list[Row] = field(default_factory=list)

    def row(self, key: str) -> Row:
        return next(row for row in self.rows if row.key == key)


@dataclass
class Report:
    filters: Filters
    made_at: datetime.datetime
    indicators: list[Indicator]
    tables: dict[str, Table]
    scope: str

    def table(self, dimension: str) -> Table:
        return self.tables[dimension]


def report_cohorts(*, user: User) -> QuerySet[Cohort]:
    """The cohorts a person may report on: all for a manager, their own for a facilitator."""
    return cohorts_for_staff(user=user)


def can_see_reports(user) -> bool:
    return user.is_authenticated and (user.is_manager or user.is_facilitator)


def report_people(*, user: User, filters: Filters) -> QuerySet[User]:
    """The participants the report counts: in the person's reach and the chosen filters."""
    people = User.objects.filter(groups__name=Role.PARTICIPANT)
    if not user.is_manager:
        people = people.filter(
            Exists(
                Enrolment.objects.filter(
                    participant=OuterRef("pk"), cohort__in=report_cohorts(user=user)
                )
            )
        )
    if filters.district:
        people = people.filter(district=filters.district)
    if filters.cohort is not None:
        people = people.filter(
            Exists(Enrolment.objects.filter(participant=OuterRef("pk"), cohort=filters.cohort))
        )
    return people


def _participants_label() -> tuple[str, str]:
    return (
        _("Participants"),
        _(
            "People with a participant account in the chosen districts and cohorts, whatever "
            "the period (the people every other row is counted among)."
        ),
    )


def _grouped_counts(people, chosen, indicators, period) -> dict[str, list[dict]]:
    """{dimension: [{"value": v, "participants": n, "i0": n0, ...}]} for the chosen dimensions.

    On PostgreSQL one query does it all (``GROUPING SETS``): each indicator's subquery runs
    once, hashed, whatever the number of dimensions. Elsewhere (the embedded SQLite) it is one
    query per dimension.
    """
    subqueries = {f"i{n}": i.people(period, people) for n, i in enumerate(indicators)}
    if connection.vendor != "postgresql":
        aggregates = {PARTICIPANTS_KEY: Count("pk")}
        for key, subquery in subqueries.items():
            aggregates[key] = Count("pk", filter=Q(pk__in=subquery))
        return {
            dimension.key: list(
                people.annotate(
                    value=Coalesce(dimension.expression(), Value(""), output_field=CharField())
                )
                .values("value")
                .annotate(**aggregates)
                .order_by()
            )
            for dimension in chosen
        }
    flags = {
        key: ExpressionWrapper(Q(pk__in=subquery), output_field=BooleanField())
        for key, subquery in subqueries.items()
    }
    columns = {
        f"d_{d.key}": Coalesce(d.expression(), Value(""), output_field=CharField()) for d in chosen
    }
    inner = people.annotate(**columns, **flags).values(*columns, *flags).order_by()
    sql, params = inner.query.sql_with_params()
    dims = list(columns)
    select = ", ".join(
        [*(f"{c}, GROUPING({c}) AS g_{c}" for c in dims), f"COUNT(*) AS {PARTICIPANTS_KEY}"]
        # ::boolean because Django writes a flag whose subquery can match nobody (a filter on an
        # empty set of people) as the constant 0, an integer.
        + [f"COUNT(*) FILTER (WHERE {f}::boolean) AS {f}" for f in flags]
    )
    sets = ", ".join(f"({c})" for c in dims)
    # PostgreSQL's JIT would compile this query of some twenty subplans on every run, which
    # took longer than running it (twice as long at 100,000 people): off, for this query only.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            f"SELECT {select} FROM ({sql}) AS people GROUP BY GROUPING SETS ({sets})", params
        )
        names = [column.name for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    grouped: dict[str, list[dict]] = {d.key: [] for d in chosen}
    for row in rows:
        for dimension, column in zip(chosen, dims, strict=True):
            if row[f"g_{column}"] == 0:
                grouped[dimension.key].append({**row, "value": row[column]})
    return grouped


def report_build(*, user: User, filters: Filters, dimensions: list[str] | None = None) -> Report:
    """Count every indicator by every dimension (or the ones named), then suppress."""
    period = filters.period()
    people = report_people(user=user, filters=filters)
    indicators = collect_indicators()
    cohorts = report_cohorts(user=user)
    chosen = [DIMENSION_BY_KEY[key] for key in dimensions] if dimensions else DIMENSIONS
    keys = [PARTICIPANTS_KEY, *(f"i{n}" for n in range(len(indicators)))]
    grouped = _grouped_counts(people, chosen, indicators, period)

    counted: dict[str, tuple[list[tuple[str, str]], dict[str, list[int]]]] = {}
    for dimension in chosen:
        known = [(str(value), str(label)) for value, label in dimension.values(cohorts)]
        known_values = {value for value, _label in known}
        by_value: dict[str, dict[str, int]] = {}
        for result in grouped[dimension.key]:
            value = result["value"] or ""
            value = value if value == "" or value in known_values else OTHER
            bucket = by_value.setdefault(value, dict.fromkeys(keys, 0))
            for key in keys:
                bucket[key] += result[key]
        columns = list(known)
        if by_value.get(OTHER, {}).get(PARTICIPANTS_KEY):
            columns.append((OTHER, str(_("Other"))))
        if by_value.get("", {}).get(PARTICIPANTS_KEY):
            columns.append(("", str(NOT_RECORDED)))
        counts = {
            key: [by_value.get(value, {}).get(key, 0) for value, _label in columns] for key in keys
        }
        counted[dimension.key] = (columns, counts)

    tables = {
        dimension.key: Table(dimension=dimension, columns=counted[dimension.key][0])
        for dimension in chosen
    }
    labels = [_participants_label()] + [(i.label, i.definition) for i in indicators]
    row_keys = [PARTICIPANTS_KEY, *(indicator.key for indicator in indicators)]
    for key, row_key, (label, definition) in zip(keys, row_keys, labels, strict=True):
        suppressed = suppress_rows([counted[d.key][1][key] for d in chosen])
        for dimension, (cells, total) in zip(chosen, suppressed, strict=True):
            tables[dimension.key].rows.append(
                Row(
                    key=row_key,
                    label=str(label),
                    definition=str(definition),
                    cells=cells,
                    total=total,
                )
            )
    scope = (
        str(_("All participants")) if user.is_manager else str(_("Participants in your cohorts"))
    )
    return Report(
        filters=filters,
        made_at=timezone.now(),
        indicators=indicators,
        tables=tables,
        scope=scope,
    )


def people_list(*, filters: dict) -> QuerySet[User]:
    """Participants matching the people list's filters, with their district's name and the
    name of their latest cohort (a fixed number of queries, however many people)."""
    from cms.models import District

    people = User.objects.filter(groups__name=Role.PARTICIPANT)
    query = (filters.get("q") or "").strip()
    if query:
        people = people.filter(Q(name__icontains=query) | Q(mobile__contains=query.lstrip("0")))
    for key in ("district", "sex", "age_band", "migrant_status"):
        if filters.get(key):
            people = people.filter(**{key: filters[key]})
    if filters.get("cohort") is not None:
        people = people.filter(
            Exists(Enrolment.objects.filter(participant=OuterRef("pk"), cohort=filters["cohort"]))
        )
    latest = Enrolment.objects.filter(participant=OuterRef("pk")).order_by("-created_at", "-pk")
    return people.annotate(
        district_name=Subquery(
            District.objects.filter(code=OuterRef("district")).values("name")[:1]
        ),
        cohort_names=Subquery(latest.values("cohort__name")[:1]),
    ).order_by("name", "pk")
