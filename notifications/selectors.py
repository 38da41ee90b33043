"""Reads of the notifications app: the inbox, unread counts, devices, what was sent."""

from __future__ import annotations

from django.db.models import QuerySet

from notifications.models import Notification, NotificationSettings, PushSubscription


def inbox(*, user, limit: int = 50) -> QuerySet[Notification]:
    """The person's own notifications, newest first."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")[:limit]


def unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


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
