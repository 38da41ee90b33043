"""Reads of the notifications app: the inbox, unread counts, devices, what was sent."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications.models import Notification, NotificationSettings, PushSubscription


def inbox(*, user, limit: int = 50) -> QuerySet[Notification]:
    """The person's own notifications, newest first (a secret kind, a code, is never listed)."""
    return Notification.objects.filter(recipient=user, secret=False).order_by("-created_at", "-pk")[
        :limit
    ]


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True, secret=False).count()


def subscriptions(*, user) -> QuerySet[PushSubscription]:
    return PushSubscription.objects.filter(user=user).order_by("-created_at")


def settings_for(*, user) -> NotificationSettings:
    """The person's settings, or unsaved defaults."""
    return NotificationSettings.objects.filter(user=user).first() or NotificationSettings(user=user)
