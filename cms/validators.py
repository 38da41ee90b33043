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


# --- ids typed into URLs and forms -------------------------------------------------------------

# The largest id a bigint primary key can hold: an id above it cannot name a row, and passing it
# to PostgreSQL is an error rather than "not found".
MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """An id read from GET/POST, or None when it is not one.

    ``int()`` and ``str.isdigit()`` accept far more than ``[0-9]``: "²" is a digit to
    ``isdigit()`` but not to ``int()``, and Arabic-Indic "٣" is 3 to both. An id is ASCII digits
    only, at least 1 and at most a bigint, so a hostile one is "not found", never a 500.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and 0 < len(value) <= 19 and value.isascii() and value.isdigit():
        number = int(value)
    else:
        return None
    return number if 1 <= number <= MAX_ID else None
