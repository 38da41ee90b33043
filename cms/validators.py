"""Bounds for what a person can type: dates in a sensible window.

A date such as 0001-01-01 or 9999-12-31 passes Python's own checks but breaks time-zone
arithmetic and PostgreSQL's timestamp range later, on some other page. Every date or time a
person types goes through these, in forms and in the admin alike.
"""

import datetime as dt
import uuid

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


# --- when a person acted (work sent late from the phone's outbox) ------------------------------

# A phone's clock may run a little fast; an action from further ahead is not one it made.
ACTED_AT_FUTURE_SLACK = dt.timedelta(minutes=2)
# Work can wait in the outbox through a trip without signal, not for a season.
ACTED_AT_MAX_AGE = dt.timedelta(days=14)


def validate_acted_at(
    value: dt.datetime,
    *,
    now: dt.datetime,
    earliest: dt.datetime | None = None,
    latest: dt.datetime | None = None,
) -> None:
    """Refuse a time an action was said to happen at that cannot be true: in the future (beyond
    a couple of minutes of clock drift), older than 14 days, or outside ``earliest``–``latest``
    when the action belongs to a window (a workshop session's day)."""
    if value.tzinfo is None:
        raise ValidationError(_("The time of the action has no time zone."), code="naive")
    if value > now + ACTED_AT_FUTURE_SLACK:
        raise ValidationError(
            _("The time of the action is in the future: check the phone's clock."),
            code="acted_in_future",
        )
    if value < now - ACTED_AT_MAX_AGE:
        raise ValidationError(
            _("This was done more than %(days)s days ago and can no longer be sent."),
            code="acted_too_long_ago",
            params={"days": ACTED_AT_MAX_AGE.days},
        )
    if (earliest is not None and value < earliest) or (latest is not None and value > latest):
        raise ValidationError(
            _("The time of the action is outside the day it belongs to."),
            code="acted_outside_window",
        )


def parse_acted_at(value: object) -> dt.datetime | None:
    """An ISO 8601 time with an offset as the phone sends it ("2026-11-30T09:05:00.000Z"),
    or None when it is not one (a bounded string; never a 500)."""
    if not isinstance(value, str) or not 0 < len(value) <= 40 or not value.isascii():
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        return None
    try:
        validate_sensible_date(parsed)
    except ValidationError:
        return None
    return parsed.astimezone(dt.UTC)


def parse_client_id(value: object) -> uuid.UUID | None:
    """The UUID the phone made for an action, or None when it is not one."""
    if not isinstance(value, str) or not 32 <= len(value) <= 36 or not value.isascii():
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None
