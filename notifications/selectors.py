"""Reads of the notifications app: the inbox, unread counts, devices, what was sent."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.utils import timezone

from notifications import conf
from notifications.models import Delivery, Notification, NotificationSettings, PushSubscription
from notifications.services.routing import (
    CAP_PERSON,
    CAP_PROGRAMME,
    month_start,
    paid_channel_names,
    paid_spent,
)


def inbox(*, user, limit: int = 50) -> QuerySet[Notification]:
    """The person's own notifications, newest first (a secret kind, a code, is never listed)."""
    return Notification.objects.filter(recipient=user, secret=False).order_by("-created_at", "-pk")[
        :limit
    ]


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True, secret=False).count()


def unread_count_for_request(request) -> int:
    """The signed-in person's unread count, counted once per request (the bell and the home
    panel both show it)."""
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(user=request.user)
    return request._unread_notifications


def subscriptions(*, user) -> QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("-created_at")


def settings_for(*, user) -> NotificationSettings:
    """The person's settings, or unsaved defaults."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)


def paid_messages_month(*, now=None) -> dict:
    """This month's paid messages for managers: per channel, cost, caps, what caps stopped."""
    now = now or timezone.now()
    start = month_start(now)
    total, _per_user, per_channel = paid_spent(now=now)
    prices = {"whatsapp": conf.get("PAID_PRICE_WHATSAPP"), "sms": conf.get("PAID_PRICE_SMS")}
    channels = [
        {
            "name": name,
            "count": per_channel.get(name, 0),
            "cost": per_channel.get(name, 0) * prices.get(name, 0),
        }
        for name in paid_channel_names()
    ]
    stopped = Delivery.objects.filter(
        channel__in=paid_channel_names(),
        notification__created_at__gte=start,
        reason__in=[CAP_PERSON, CAP_PROGRAMME],
    )
    people_at_cap = (
        stopped.filter(reason=CAP_PERSON)
        .values("notification__recipient__name", "notification__recipient__mobile")
        .annotate(n=Count("pk"))
        .order_by("-n")[:50]
    )
    cap_programme = conf.get("PAID_CAP_PROGRAMME")
    return {
        "month": start,
        "channels": channels,
        "total": total,
        "cost": sum(c["cost"] for c in channels),
        "cap_programme": cap_programme,
        "cap_person": conf.get("PAID_CAP_PER_PERSON"),
        "programme_capped": total >= cap_programme,
        "stopped_programme": stopped.filter(reason=CAP_PROGRAMME).count(),
        "stopped_person": stopped.filter(reason=CAP_PERSON).count(),
        "people_at_cap": list(people_at_cap),
    }
