"""What the inbox and the delivery log no longer need, deleted by a daily job.

- Notifications older than ``NOTIFICATIONS_KEEP_DAYS`` (180), with their deliveries: the inbox
  shows recent messages, and the donor reports count nothing here.
- Finished deliveries (delivered, gone, failed, not sent) older than
  ``NOTIFICATIONS_DELIVERIES_KEEP_DAYS`` (30): the log staff read when a message went missing.
- The console backend's copies of WhatsApp and SMS messages, after the same time.
- Reminders that were dealt with (sent, cancelled, expired, no longer needed) and fell due more
  than ``NOTIFICATIONS_DELIVERIES_KEEP_DAYS`` ago.

Nothing still waiting to be sent is touched. Rows go in chunks (a short statement each, so no
table is locked for long), and two runs at once only find less to delete.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from notifications import conf
from notifications.models import (
    Delivery,
    DeliveryStatus,
    Notification,
    PhoneMessage,
    Reminder,
    ReminderStatus,
)

CHUNK = 2000
_UNFINISHED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.RETRYING)


def _delete_in_chunks(queryset: models.QuerySet) -> int:
    deleted = 0
    model = queryset.model
    while True:
        pks = list(queryset.values_list("pk", flat=True)[:CHUNK])
        if not pks:
            return deleted
        model.objects.filter(pk__in=pks).delete()
        deleted += len(pks)


def notifications_prune(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete what is past keeping. Returns how many rows of each kind went."""
    now = now or timezone.now()
    keep_notifications = now - datetime.timedelta(days=conf.get("NOTIFICATIONS_KEEP_DAYS"))
    keep_log = now - datetime.timedelta(days=conf.get("NOTIFICATIONS_DELIVERIES_KEEP_DAYS"))
    deliveries = _delete_in_chunks(
        Delivery.objects.filter(updated_at__lt=keep_log).exclude(status__in=_UNFINISHED)
    )
    notifications = _delete_in_chunks(
        Notification.objects.filter(created_at__lt=keep_notifications).exclude(
            deliveries__status__in=_UNFINISHED
        )
    )
    reminders = _delete_in_chunks(
        Reminder.objects.filter(scheduled_for__lt=keep_log).exclude(status=ReminderStatus.SCHEDULED)
    )
    # The console backend's copies of WhatsApp and SMS messages, which managers read in the admin.
    phone_messages = _delete_in_chunks(PhoneMessage.objects.filter(created_at__lt=keep_log))
    return {
        "deliveries": deliveries,
        "notifications": notifications,
        "reminders": reminders,
        "phone_messages": phone_messages,
    }
