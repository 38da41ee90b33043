"""Reads of the notifications app: the inbox, unread counts, devices, what was sent."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications import kinds
from notifications.models import Notification, NotificationSettings, PushSubscription


def inbox(*, user, limit: int = 50) -> QuerySet[Notification]:
    """The person's own notifications, newest first (secret kinds, one-time codes and links,
    are never listed: they reach the person's phone only)."""
    return (
        Notification.objects.filter(recipient=user)
        .exclude(kind__in=kinds.secret_names())
        .order_by("-created_at", "-pk")[:limit]
    )


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return (
        Notification.objects.filter(recipient=user, read_at__isnull=True)
        .exclude(kind__in=kinds.secret_names())
        .count()
    )


def subscriptions(*, user) -> QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("-created_at")


def settings_for(*, user) -> NotificationSettings:
    """The person's settings, or unsaved defaults."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)
