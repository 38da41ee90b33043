"""Telling people things: an inbox entry in their language, and a delivery per address.

``notify`` is what other apps call; ``notifications_create`` is shared with the reminders,
which turn due reminders into notifications the same way. Deliveries are created for every
push device of the person, and for kinds that reach further their WhatsApp or SMS
(``services/routing.py``), held back by their quiet hours or skipped for kinds they turned
off. After commit, the deliveries due now are announced (``signals.deliveries_due``); the
delivery layer sends them.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from notifications import kinds, message_templates, signals
from notifications.models import Delivery, DeliveryStatus, Notification
from notifications.services.rendering import encode_params, notification_render_values
from notifications.services.routing import Router


@dataclass
class Item:
    """One notification to create: for whom, of which kind, about what."""

    recipient: object
    kind: str
    url: str
    params: dict
    content_type_id: int | None = None
    object_id: str = ""
    expires_at: datetime.datetime | None = None
    reminder_id: int | None = None


def object_key(obj) -> tuple[int | None, str]:
    """(content type id, object id) of what a notification or reminder is about."""
    if obj is None:
        return None, ""
    return ContentType.objects.get_for_model(obj).pk, str(obj.pk)


def notifications_create(
    items: list[Item], *, now: datetime.datetime
) -> tuple[list[Notification], list[Delivery]]:
    """Inbox entries for ``items`` and their deliveries: one per push device of each recipient,
    and for kinds that reach further, their paid channels (``services/routing.py``)."""
    if not items:
        return [], []
    user_ids = {item.recipient.pk for item in items}
    router = Router(user_ids, now=now)

    notifications = []
    for item in items:
        spec = kinds.get(item.kind)
        title, body, language, values = notification_render_values(
            kind=item.kind, params=item.params, recipient=item.recipient
        )
        expires_at = item.expires_at or now + datetime.timedelta(seconds=spec.ttl)
        phone = {}
        if spec.reach != "inbox":
            phone = message_templates.phone_message(
                kind=item.kind,
                title=title,
                body=body,
                link=absolute_link(item.url),
                values=values,
                language=language,
            )
        notifications.append(
            Notification(
                recipient=item.recipient,
                kind=item.kind,
                title=title,
                body=body,
                url=item.url[:500],
                language=language,
                content_type_id=item.content_type_id,
                object_id=item.object_id,
                created_at=now,
                expires_at=expires_at,
                reminder_id=item.reminder_id,
                secret=spec.secret,
                phone_message=phone,
            )
        )
    notifications = Notification.objects.bulk_create(notifications)

    free = router.free_deliveries(notifications)
    by_notification: dict[int, list[Delivery]] = {}
    for delivery in free:
        by_notification.setdefault(delivery.notification.pk, []).append(delivery)
    paid = []
    for notification in notifications:
        paid.extend(router.route(notification, by_notification.get(notification.pk, [])))
    escalating = [n for n in notifications if n.escalate_at is not None]
    if escalating:
        Notification.objects.bulk_update(escalating, ["escalate_at"])
    deliveries = Delivery.objects.bulk_create(free + paid)
    return notifications, deliveries


def absolute_link(url: str) -> str:
    """A link for a message read outside the site (WhatsApp, SMS); the site itself when the
    notification has none (a template parameter may not be empty)."""
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    if not url:
        return base + "/"
    if not url.startswith("/"):
        return url
    return base + url


def deliveries_announce(deliveries: list[Delivery], *, now: datetime.datetime) -> None:
    """After commit, announce the deliveries due now (the minute tick catches the rest)."""
    ids = [
        d.pk
        for d in deliveries
        if d.status == DeliveryStatus.PENDING and d.next_attempt_at <= now and d.pk
    ]
    if ids:
        transaction.on_commit(lambda: signals.deliveries_due.send(sender=Delivery, ids=ids))


def notify(
    *,
    recipient,
    kind: str,
    url: str,
    params: dict | None = None,
    obj=None,
    expires_at: datetime.datetime | None = None,
) -> Notification:
    """Tell ``recipient`` something now: an inbox entry in their language, and a push after commit.

    ``params`` fill the kind's ``%(name)s`` placeholders (datetimes are shown in the recipient's
    zone). ``obj`` is what the notification is about. The push is held back during the person's
    quiet hours, and not sent for kinds they turned off; the inbox entry is always created.
    """
    now = timezone.now()
    content_type_id, object_id = object_key(obj)
    item = Item(
        recipient=recipient,
        kind=kind,
        url=url or "",
        params=encode_params(params),
        content_type_id=content_type_id,
        object_id=object_id,
        expires_at=expires_at,
    )
    with transaction.atomic():
        notifications, deliveries = notifications_create([item], now=now)
        deliveries_announce(deliveries, now=now)
    return notifications[0]


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the person's own notifications (all, or those ``ids``) read; returns how many."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


def notifications_withdraw(*, obj, kinds: Iterable[str] | None = None, recipient=None) -> int:
    """What was said about ``obj`` no longer holds (a seat booked, then cancelled): its inbox
    entries are marked read and shown as no longer valid, and pushes of them not yet sent are
    not sent. Optionally only ``kinds``, or one ``recipient``'s. Returns how many entries."""
    content_type_id, object_id = object_key(obj)
    now = timezone.now()
    entries = Notification.objects.filter(
        content_type_id=content_type_id, object_id=object_id, withdrawn_at__isnull=True
    )
    if kinds is not None:
        entries = entries.filter(kind__in=list(kinds))
    if recipient is not None:
        entries = entries.filter(recipient=recipient)
    ids = list(entries.values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        Notification.objects.filter(pk__in=ids, read_at__isnull=True).update(read_at=now)
        Notification.objects.filter(pk__in=ids).update(withdrawn_at=now)
        Delivery.objects.filter(
            notification_id__in=ids,
            status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
        ).update(status=DeliveryStatus.SKIPPED, reason="withdrawn: no longer holds")
    return len(ids)
