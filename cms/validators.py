"""Bounds for what a person can type: dates in a sensible window.

A date such as 0001-01-01 or 9999-12-31 passes Python's own checks but breaks time-zone
arithmetic and PostgreSQL's timestamp range later, on some other page. Every date or time a
person types goes through these, in forms and in the admin alike.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)


def validate_sensible_date(value: dt.date | dt.datetime | None) -> None:
    """Refuse a date (or the date part of a datetime) outside 2000–2100."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Choose a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": EARLIEST.year, "latest": LATEST.year},
        )


class SensibleDateField(forms.DateField):
    """A date input bounded to 2000–2100 (the browser's picker is bounded too)."""

    default_validators = [validate_sensible_date]

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if getattr(widget, "input_type", None) == "date":
            attrs.setdefault("min", EARLIEST.isoformat())
            attrs.setdefault("max", LATEST.isoformat())
        return attrs


class SensibleDateTimeField(forms.DateTimeField):
    """A date and time bounded to 2000–2100."""

    default_validators = [validate_sensible_date]
