"""Daily digests: a summary at a set local hour, sent only when there is something to say.

An app registers what a digest is about::

    digests.register("review_digest", role="facilitators", collect=fn)

where ``collect(user) -> (url, params) | None`` says what the person should hear today. The
periodic ``notifications.daily_digests`` task schedules one reminder per person and day (the
reminder's uniqueness makes repeated runs harmless); the minute tick sends it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils import timezone

from notifications import services


@dataclass(frozen=True)
class Digest:
    kind: str
    role: str
    collect: Callable[[object], tuple[str, dict] | None]
    hour: int = 8
    # Until when in the morning a digest still goes out if the tick at the hour was missed.
    window_hours: int = 2


_registry: dict[str, Digest] = {}


def register(kind: str, *, role: str, collect, hour: int = 8) -> Digest:
    digest = Digest(kind=kind, role=role, collect=collect, hour=hour)
    _registry[kind] = digest
    return digest


def digests_schedule(*, now: datetime.datetime | None = None) -> int:
    """Schedule the digests whose local hour has come today; returns how many were scheduled."""
    now = now or timezone.now()
    scheduled = 0
    users = get_user_model().objects.filter(is_active=True)
    for digest in _registry.values():
        for user in users.filter(groups__name=digest.role).distinct():
            local = now.astimezone(user.zoneinfo)
            at = datetime.datetime.combine(
                local.date(), datetime.time(digest.hour), tzinfo=user.zoneinfo
            )
            if not at <= local < at + datetime.timedelta(hours=digest.window_hours):
                continue
            found = digest.collect(user)
            if not found:
                continue
            url, params = found
            services.reminder_schedule(
                recipient=user,
                kind=digest.kind,
                obj=user,
                at=at.astimezone(datetime.UTC),
                url=url,
                params=params,
                expires_at=at.astimezone(datetime.UTC) + datetime.timedelta(hours=12),
            )
            scheduled += 1
    return scheduled
