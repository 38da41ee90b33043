"""How a notification reads: its kind's texts in the recipient's language, with its parameters.

Parameters are stored as JSON; a datetime keeps a mark so it is shown in the reader's own zone
when the notification is rendered (a reminder is rendered when it falls due, not when it is
scheduled).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import formats, timezone, translation

from notifications import kinds

logger = logging.getLogger(__name__)

DATETIME_MARK = "__datetime__"
DATE_MARK = "__date__"


class _Params(dict):
    """Missing placeholders render empty rather than failing a whole batch."""

    def __missing__(self, key):
        return ""


def encode_params(params: dict | None) -> dict:
    """Params as JSON-safe values; datetimes keep a mark so they are shown in the reader's zone."""
    encoded = {}
    for key, value in (params or {}).items():
        if isinstance(value, datetime.datetime):
            if timezone.is_naive(value):
                value = timezone.make_aware(value, datetime.UTC)
            encoded[key] = {DATETIME_MARK: value.astimezone(datetime.UTC).isoformat()}
        elif isinstance(value, datetime.date):
            encoded[key] = {DATE_MARK: value.isoformat()}
        elif isinstance(value, str | int | float | bool) or value is None:
            encoded[key] = value
        else:
            encoded[key] = str(value)
    return encoded


def _display_value(value, recipient) -> str:
    if isinstance(value, dict) and DATETIME_MARK in value:
        value = datetime.datetime.fromisoformat(value[DATETIME_MARK])
    elif isinstance(value, dict) and DATE_MARK in value:
        value = datetime.date.fromisoformat(value[DATE_MARK])
    if isinstance(value, datetime.datetime):
        local = value.astimezone(recipient.zoneinfo)
        return f"{formats.date_format(local, 'D j M, H:i')} {recipient.time_zone_label}"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "D j M")
    return "" if value is None else str(value)


def _fill(text: str, values: dict) -> str:
    """``text % values``; a broken translation (a stray %) falls back to the bare text."""
    if not values:
        return text
    try:
        return text % values
    except (ValueError, TypeError):
        logger.error("cannot fill the placeholders of %r", text)
        return text


def notification_render(*, kind: str, params: dict | None, recipient) -> tuple[str, str, str]:
    """The title and text of ``kind`` in the recipient's language; returns (title, body, lang)."""
    title, body, language, _values = notification_render_values(
        kind=kind, params=params, recipient=recipient
    )
    return title, body, language


def notification_render_values(*, kind: str, params: dict | None, recipient):
    """(title, body, language, the parameters as shown to the recipient)."""
    spec = kinds.get(kind)
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        values = _Params({k: _display_value(v, recipient) for k, v in (params or {}).items()})
        title = _fill(str(spec.title), values)
        body = _fill(str(spec.body), values)
    return title[:200], body[:1000], language, values
