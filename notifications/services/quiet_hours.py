"""Quiet hours, muted kinds and channel order: when a person's phone may buzz, for what, how."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from notifications.models import NotificationSettings


@dataclass
class Prefs:
    quiet_start: datetime.time
    quiet_end: datetime.time
    muted: set[str] = field(default_factory=set)
    channel_order: list[str] = field(default_factory=list)


def prefs_for(user_ids: Iterable[int]) -> dict[int, Prefs]:
    rows = NotificationSettings.objects.filter(user_id__in=set(user_ids))
    return {
        row.user_id: Prefs(
            row.quiet_start,
            row.quiet_end,
            set(row.muted_kinds or []),
            list(row.channel_order or []),
        )
        for row in rows
    }


DEFAULT_PREFS = Prefs(datetime.time(21, 0), datetime.time(6, 0))


def quiet_hours_end(*, at: datetime.datetime, start, end, zone) -> datetime.datetime | None:
    """When the quiet hours that ``at`` falls in end (UTC), or None if ``at`` is not in them."""
    if start == end:
        return None
    local = at.astimezone(zone)
    now_t = local.time()
    if start < end:
        inside = start <= now_t < end
        end_date = local.date()
    else:  # across midnight, e.g. 21:00–06:00
        inside = now_t >= start or now_t < end
        end_date = local.date() + datetime.timedelta(days=1) if now_t >= start else local.date()
    if not inside:
        return None
    return datetime.datetime.combine(end_date, end, tzinfo=zone).astimezone(datetime.UTC)
