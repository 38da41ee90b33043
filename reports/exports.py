"""Files made from a report: XLSX (a sheet per table and one about it) and CSV in long form.

Every count in them is suppressed (``reports/suppression.py``); neither holds a name or a
mobile number. The participant list (``people_csv``) is the one file with people in it.
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .selectors import Report
from .suppression import RULE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filters_lines(report: Report) -> list[tuple[str, str]]:
    filters = report.filters.as_dict()
    return [
        (_("Period from"), filters["from"] or _("the beginning")),
        (_("Period to"), filters["to"] or _("today")),
        (_("District"), report.filters.district or _("all")),
        (_("Cohort"), filters["cohort"] or _("all")),
        (_("People"), report.scope),
    ]


def report_xlsx(report: Report) -> bytes:
    book = Workbook()
    about = book.active
    about.title = _("About")[:31]
    bold = Font(bold=True)
    made = timezone.localtime(report.made_at).strftime("%Y-%m-%d %H:%M %Z")
    about.append([_("Berdaya programme report")])
    about["A1"].font = bold
    about.append([_("Made at"), made])
    for label, value in _filters_lines(report):
        about.append([label, value])
    about.append([])
    about.append([_("Small numbers"), RULE])
    about.append([])
    about.append([_("Indicator"), _("Key"), _("Definition")])
    for cell in about[about.max_row]:
        cell.font = bold
    first = next(iter(report.tables.values()))
    for row in first.rows:
        about.append([row.label, row.key, row.definition])
    about.column_dimensions["A"].width = 32
    about.column_dimensions["C"].width = 100

    for table in report.tables.values():
        sheet = book.create_sheet(
            (_("By %(dimension)s") % {"dimension": table.dimension.label})[:31]
        )
        sheet.append([_("Indicator"), *(label for _value, label in table.columns), _("Total")])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([row.label, *(cell.display() for cell in row.cells), row.total.display()])
        sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def report_csv(report: Report) -> str:
    """Long form for IATI: indicator, dimension, value, count (a total has dimension "total")."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["indicator", "indicator_label", "dimension", "value", "value_label", "count"])
    totals_written: set[str] = set()
    for table in report.tables.values():
        for row in table.rows:
            if row.key not in totals_written:
                writer.writerow([row.key, row.label, "total", "", "", row.total.display()])
                totals_written.add(row.key)
            for (value, label), cell in zip(table.columns, row.cells, strict=True):
                writer.writerow(
                    [row.key, row.label, table.dimension.key, value, label, cell.display()]
                )
    return out.getvalue()


PEOPLE_COLUMNS = ("name", "mobile", "sex", "age_band", "district", "migrant_status", "cohorts")


def people_csv(people) -> tuple[str, int]:
    """The participant list (for the programme's own use), and how many people are in it."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(PEOPLE_COLUMNS)
    count = 0
    for person in people:
        writer.writerow(
            [
                person.name,
                person.mobile,
                person.get_sex_display(),
                person.get_age_band_display(),
                person.district_name,
                person.get_migrant_status_display(),
                person.cohort_names or "",
            ]
        )
        count += 1
    return out.getvalue(), count
