"""A start and end time as one person reads it: in their zone, with the zone's name.

"Sel, 25 Nov 2026 · 11.00–12.00 WITA". Clinics (coaching) and workshop sessions (learning)
show their times this one way.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import dateformat, timezone

from cms.models.users import TIME_ZONE_LABELS

DEFAULT_ZONE = "Asia/Jakarta"


@dataclass(frozen=True)
class LocalSpan:
    """A session's start and (optional) end as seen in one zone."""

    starts: dt.datetime
    ends: dt.datetime | None
    label: str

    @property
    def crosses_midnight(self) -> bool:
        if self.ends is None:
            return False
        return self.starts.date() != (self.ends - dt.timedelta(microseconds=1)).date()

    def __str__(self) -> str:
        day = dateformat.format(self.starts, "D, j M Y")
        start = dateformat.format(self.starts, "H:i")
        if self.ends is None:
            return f"{day} · {start} {self.label}"
        if self.crosses_midnight:
            end = dateformat.format(self.ends, "D, j M H:i")
        else:
            end = dateformat.format(self.ends, "H:i")
        return f"{day} · {start}–{end} {self.label}"


def local_span(*, starts_at: dt.datetime, ends_at: dt.datetime | None, time_zone: str) -> LocalSpan:
    tz = zoneinfo.ZoneInfo(time_zone or DEFAULT_ZONE)
    return LocalSpan(
        starts=timezone.localtime(starts_at, tz),
        ends=timezone.localtime(ends_at, tz) if ends_at else None,
        label=TIME_ZONE_LABELS.get(time_zone or DEFAULT_ZONE, time_zone),
    )


def span_for(
    *, starts_at: dt.datetime, ends_at: dt.datetime | None, user, fallback_zone: str = ""
) -> LocalSpan:
    """The times in the viewer's zone (``fallback_zone`` for visitors)."""
    zone = getattr(user, "time_zone", "") or fallback_zone or DEFAULT_ZONE
    return local_span(starts_at=starts_at, ends_at=ends_at, time_zone=zone)
