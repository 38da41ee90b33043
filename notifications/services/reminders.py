"""Reminders: notifications due later, about an object (a booking, an assignment...).

``reminder_schedule`` and ``reminders_cancel`` are what other apps call (from their
``notices.py``); ``reminders_process_due`` runs every minute (the ``notifications.tick`` task)
and turns due reminders into notifications, once.
"""

from __future__ import annotations

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from notifications import conf, kinds
from notifications.models import Reminder, ReminderStatus
from notifications.services.inbox import (
    Item,
    deliveries_announce,
    notifications_create,
    object_key,
)
from notifications.services.rendering import encode_params

logger = logging.getLogger(__name__)


def reminder_schedule(
    *,
    recipient,
    kind: str,
    obj,
    at: datetime.datetime,
    url: str,
    params: dict | None = None,
    expires_at: datetime.datetime | None = None,
) -> Reminder:
    """Schedule a reminder about ``obj`` at ``at``; scheduling the same one again changes nothing.

    A reminder that was cancelled and is scheduled again (a session moved back) is re-armed. A
    reminder already sent stays sent.
    """
    if timezone.is_naive(at):
        raise ValueError("reminder times must be timezone-aware")
    content_type_id, object_id = object_key(obj)
    lookup = {
        "recipient": recipient,
        "kind": kind,
        "content_type_id": content_type_id,
        "object_id": object_id,
        "scheduled_for": at,
    }
    values = {"url": (url or "")[:500], "params": encode_params(params), "expires_at": expires_at}
    try:
        with transaction.atomic():
            reminder, created = Reminder.objects.get_or_create(**lookup, defaults=values)
    except IntegrityError:  # a concurrent call created it first
        reminder, created = Reminder.objects.get(**lookup), False
    if not created and reminder.status in (ReminderStatus.SCHEDULED, ReminderStatus.CANCELLED):
        for name, value in values.items():
            setattr(reminder, name, value)
        reminder.status = ReminderStatus.SCHEDULED
        Reminder.objects.filter(
            pk=reminder.pk, status__in=[ReminderStatus.SCHEDULED, ReminderStatus.CANCELLED]
        ).update(status=ReminderStatus.SCHEDULED, **values)
    return reminder


def reminders_cancel(*, obj, kind: str | None = None, recipient=None) -> int:
    """Cancel the reminders about ``obj`` that have not been sent; returns how many."""
    content_type_id, object_id = object_key(obj)
    reminders = Reminder.objects.filter(
        content_type_id=content_type_id, object_id=object_id, status=ReminderStatus.SCHEDULED
    )
    if kind is not None:
        reminders = reminders.filter(kind=kind)
    if recipient is not None:
        reminders = reminders.filter(recipient=recipient)
    return reminders.update(status=ReminderStatus.CANCELLED, processed_at=timezone.now())


def reminders_due_count(*, now: datetime.datetime | None = None) -> int:
    return Reminder.objects.filter(
        status=ReminderStatus.SCHEDULED, scheduled_for__lte=now or timezone.now()
    ).count()


def reminders_process_due(*, now: datetime.datetime | None = None, limit: int | None = None):
    """Turn up to ``limit`` due reminders into notifications, in one transaction.

    Rows are locked with ``FOR UPDATE SKIP LOCKED``: a second tick running at the same moment
    takes other rows or none, and a worker that dies mid-way rolls back, leaving its rows due.
    Returns (number of reminders handled, delivery rows created).
    """
    now = now or timezone.now()
    limit = limit or conf.get("REMINDER_BATCH_SIZE")
    with transaction.atomic():
        due = list(
            Reminder.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(status=ReminderStatus.SCHEDULED, scheduled_for__lte=now)
            .select_related("recipient")
            .order_by("scheduled_for", "pk")[:limit]
        )
        if not due:
            return 0, []
        items = []
        for reminder in due:
            reminder.processed_at = now
            spec = kinds.get(reminder.kind)
            if reminder.expires_at and reminder.expires_at <= now:
                reminder.status = ReminderStatus.EXPIRED
                continue
            params = dict(reminder.params)
            if spec.refresh is not None:
                try:
                    fresh = spec.refresh(reminder.about, reminder.recipient)
                except Exception:  # one broken rule must not hold up every other reminder
                    logger.exception("reminder %s: its rule failed; not sent", reminder.pk)
                    fresh = None
                if fresh is None:
                    reminder.status = ReminderStatus.SKIPPED
                    continue
                params.update(encode_params(fresh))
            reminder.status = ReminderStatus.SENT
            items.append(
                Item(
                    recipient=reminder.recipient,
                    kind=reminder.kind,
                    url=reminder.url,
                    params=params,
                    content_type_id=reminder.content_type_id,
                    object_id=reminder.object_id,
                    expires_at=reminder.expires_at,
                    reminder_id=reminder.pk,
                )
            )
        _notifications, deliveries = notifications_create(items, now=now)
        by_status: dict[str, list[int]] = {}
        for reminder in due:
            by_status.setdefault(reminder.status, []).append(reminder.pk)
        for status, pks in by_status.items():
            Reminder.objects.filter(pk__in=pks).update(status=status, processed_at=now)
        deliveries_announce(deliveries, now=now)
    return len(due), deliveries
