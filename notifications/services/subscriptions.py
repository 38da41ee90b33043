"""A person's devices and choices: push subscriptions, quiet hours, muted kinds, channel order.

A subscription's endpoint is an address a browser sent us, and our workers will POST to it: it
is checked here (https, public addresses only) before it is stored, and again before each send.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from cms.net import UnknownHostError
from notifications.channels.webpush import EndpointRefused, endpoint_addresses
from notifications.models import NotificationSettings, PushSubscription, default_channel_order

__all__ = ["EndpointRefused", "settings_update", "subscription_delete", "subscription_save"]


def subscription_save(*, user, endpoint: str, p256dh: str, auth: str, user_agent: str = ""):
    """Store (or move to this person) a browser's push subscription.

    Raises EndpointRefused (with a message for the person) for an endpoint that is not https,
    does not resolve, or points into a private network; nothing is stored then.
    """
    try:
        endpoint_addresses(endpoint)
    except UnknownHostError as error:
        raise EndpointRefused(
            _("The push service's address could not be found; try again later.")
        ) from error
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={"user": user, "p256dh": p256dh, "auth": auth, "user_agent": user_agent[:300]},
    )
    return subscription


def subscription_delete(*, user, endpoint: str | None = None, pk: int | None = None) -> int:
    """Turn off one of the person's own devices; returns how many were removed (0 or 1)."""
    rows = PushSubscription.objects.filter(user=user)
    if pk is not None:
        rows = rows.filter(pk=pk)
    elif endpoint:
        rows = rows.filter(endpoint=endpoint)
    else:
        return 0
    return rows.delete()[1].get("notifications.PushSubscription", 0)


def settings_update(
    *,
    user,
    quiet_start: datetime.time,
    quiet_end: datetime.time,
    muted_kinds: Iterable[str],
    channel_order: Iterable[str] | None = None,
) -> NotificationSettings:
    """Store the person's choices. ``channel_order`` must name each channel once (web push,
    WhatsApp, SMS); ValueError otherwise, and nothing is stored."""
    defaults = {
        "quiet_start": quiet_start,
        "quiet_end": quiet_end,
        "muted_kinds": sorted(set(muted_kinds)),
    }
    if channel_order is not None:
        order = list(channel_order)
        if sorted(order) != sorted(default_channel_order()):
            raise ValueError(f"a channel order names each channel once, not {order!r}")
        defaults["channel_order"] = order
    row, _created = NotificationSettings.objects.update_or_create(user=user, defaults=defaults)
    return row
