"""Who gets what, how: which channels carry a notification, escalation, caps and secrets.

Every notification goes to the inbox and to each of the person's push devices (free). How far
it goes beyond depends on its kind's ``reach`` (``notifications.kinds``):

- ``inbox``: no further.
- ``urgent``: if web push comes first in the person's channel order and they have a device,
  nothing more at first; ``NOTIFY_ESCALATE_AFTER_SECONDS`` after the push was due, if no
  delivery of it succeeded, the next paid channel in their order (WhatsApp, then SMS) gets it,
  and so on down the order. Without a device (or with a paid channel first) the first paid
  channel gets it at once.
- ``direct``: the first paid channel in the person's order at once, beside push.

Quiet hours hold every channel alike, with one exception: a *secret* direct kind (a sign-in
code) is something the person has just asked for and waits for, so it goes at once, day or
night. A secret kind is never listed in the inbox, and its text (title, body, phone message, its
link, which may hold a one-time token, and the console's copy) is wiped once every delivery is
settled, or when it expires. The person cannot switch a secret kind off (it is not offered in
their settings, and a muted one is sent all the same).

Paid messages are capped per person and for the whole programme per calendar month (in the
programme's time zone). The count is taken under one PostgreSQL advisory lock held until the
creating transaction commits, so two workers never both take the last message of a cap. A
delivery over a cap is stored as skipped with the reason, for managers to see in the admin.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from notifications import channels, conf, kinds
from notifications.models import Delivery, DeliveryStatus, Notification, PhoneMessage
from notifications.services.quiet_hours import DEFAULT_PREFS, prefs_for, quiet_hours_end

# Paid deliveries that count against the caps: everything not skipped or failed.
SPENT_STATUSES = (
    DeliveryStatus.PENDING,
    DeliveryStatus.SENDING,
    DeliveryStatus.RETRYING,
    DeliveryStatus.DELIVERED,
)
UNSETTLED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.RETRYING)
CAP_PERSON = "monthly cap for this person reached: not sent"
CAP_PROGRAMME = "monthly cap for the programme reached: not sent"
# An arbitrary constant: the advisory lock that serialises taking from the paid budget.
_BUDGET_LOCK = 0x6265726461
KNOWN_ORDER = ("webpush", "whatsapp", "sms")


def paid_channel_names() -> list[str]:
    return [channel.name for channel in channels.all_channels() if getattr(channel, "paid", False)]


def month_start(now: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def paid_spent(*, now: datetime.datetime | None = None, user_ids: Iterable[int] | None = None):
    """Paid messages this month: (programme total, {user id: count}, {channel: count})."""
    rows = Delivery.objects.filter(
        channel__in=paid_channel_names(),
        status__in=SPENT_STATUSES,
        notification__created_at__gte=month_start(now or timezone.now()),
    )
    total = rows.count()
    per_user = {}
    if user_ids is not None:
        per_user = dict(
            rows.filter(notification__recipient_id__in=set(user_ids))
            .values_list("notification__recipient_id")
            .annotate(n=Count("pk"))
        )
    per_channel = dict(rows.values_list("channel").annotate(n=Count("pk")))
    return total, per_user, per_channel


class Budget:
    """What is left of this month's caps, taken one message at a time within a transaction."""

    def __init__(self, user_ids: Iterable[int], *, now: datetime.datetime):
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_BUDGET_LOCK])
        self.total, self.per_user, _ = paid_spent(now=now, user_ids=user_ids)
        self.cap_person = conf.get("PAID_CAP_PER_PERSON")
        self.cap_programme = conf.get("PAID_CAP_PROGRAMME")

    def take(self, user_id: int) -> str | None:
        """None if one more paid message may go to this person; else why not."""
        if self.total >= self.cap_programme:
            return CAP_PROGRAMME
        if self.per_user.get(user_id, 0) >= self.cap_person:
            return CAP_PERSON
        self.total += 1
        self.per_user[user_id] = self.per_user.get(user_id, 0) + 1
        return None


def channel_order(pref) -> list[str]:
    order = [name for name in (getattr(pref, "channel_order", None) or []) if name in KNOWN_ORDER]
    return order + [name for name in KNOWN_ORDER if name not in order]


def hold_back(delivery: Delivery, notification: Notification, pref, *, now) -> None:
    """Skip a muted kind; hold a delivery until quiet hours end, or skip it if that is too late.

    A secret direct kind (a code the person asked for) is neither muted nor held.
    """
    if notification.secret:
        return
    if notification.kind in pref.muted:
        delivery.status = DeliveryStatus.SKIPPED
        delivery.reason = "turned off by the person for this kind"
        return
    quiet_end = quiet_hours_end(
        at=now,
        start=pref.quiet_start,
        end=pref.quiet_end,
        zone=notification.recipient.zoneinfo,
    )
    if quiet_end is None:
        return
    latest = notification.expires_at - datetime.timedelta(
        seconds=kinds.get(notification.kind).min_lead
    )
    if quiet_end >= latest:
        delivery.status = DeliveryStatus.SKIPPED
        delivery.reason = "quiet hours: would arrive too late to be useful"
    else:
        delivery.next_attempt_at = quiet_end
        delivery.reason = "held back by quiet hours"


class Router:
    """Decides the deliveries of a batch of notifications (one transaction)."""

    def __init__(self, user_ids: set[int], *, now: datetime.datetime, prefs=None):
        self.now = now
        self.prefs = prefs if prefs is not None else prefs_for(user_ids)
        self.free = [c for c in channels.all_channels() if not getattr(c, "paid", False)]
        self.paid = {
            c.name: c
            for c in channels.all_channels()
            if getattr(c, "paid", False) and c.configured()
        }
        self.user_ids = user_ids
        self._paid_addresses: dict[str, dict] | None = None
        self._budget: Budget | None = None
        self.window = datetime.timedelta(seconds=conf.get("NOTIFY_ESCALATE_AFTER_SECONDS"))

    def pref(self, user_id: int):
        return self.prefs.get(user_id, DEFAULT_PREFS)

    def paid_addresses(self) -> dict[str, dict]:
        if self._paid_addresses is None:
            self._paid_addresses = {
                name: channel.addresses(self.user_ids) for name, channel in self.paid.items()
            }
        return self._paid_addresses

    def budget(self) -> Budget:
        if self._budget is None:
            self._budget = Budget(self.user_ids, now=self.now)
        return self._budget

    def free_deliveries(self, notifications: list[Notification]) -> list[Delivery]:
        addresses = [(channel.name, channel.addresses(self.user_ids)) for channel in self.free]
        deliveries = []
        for notification in notifications:
            pref = self.pref(notification.recipient_id)
            for name, by_user in addresses:
                for address in by_user.get(notification.recipient_id, []):
                    delivery = Delivery(
                        notification=notification,
                        channel=name,
                        subscription_id=address.subscription_id,
                        endpoint=address.endpoint,
                        next_attempt_at=self.now,
                    )
                    hold_back(delivery, notification, pref, now=self.now)
                    deliveries.append(delivery)
        return deliveries

    def next_paid(self, notification: Notification, tried: set[str]) -> list[str]:
        """The paid channels not tried yet that can reach the person, in their order."""
        addresses = self.paid_addresses()
        return [
            name
            for name in channel_order(self.pref(notification.recipient_id))
            if name in self.paid
            and name not in tried
            and addresses[name].get(notification.recipient_id)
        ]

    def paid_delivery(self, notification: Notification, name: str) -> Delivery:
        [address] = self.paid_addresses()[name][notification.recipient_id][:1]
        delivery = Delivery(
            notification=notification,
            channel=name,
            endpoint=address.endpoint,
            next_attempt_at=self.now,
        )
        hold_back(delivery, notification, self.pref(notification.recipient_id), now=self.now)
        if delivery.status != DeliveryStatus.SKIPPED:
            refused = self.budget().take(notification.recipient_id)
            if refused:
                delivery.status = DeliveryStatus.SKIPPED
                delivery.reason = refused
        return delivery

    def route(self, notification: Notification, free: list[Delivery]) -> list[Delivery]:
        """The paid deliveries of a new notification; sets its ``escalate_at``."""
        reach = kinds.get(notification.kind).reach
        if reach == "inbox" or not notification.phone_message:
            return []
        candidates = self.next_paid(notification, set())
        if not candidates:
            return []
        if reach == "direct":
            return [self.paid_delivery(notification, candidates[0])]
        # Urgent: push first when the person put it before the paid channels and has a device.
        order = channel_order(self.pref(notification.recipient_id))
        pushed = [d for d in free if d.channel == "webpush"]
        if pushed and order.index("webpush") < order.index(candidates[0]):
            if all(d.status == DeliveryStatus.SKIPPED for d in pushed):
                return []  # muted, or too late after quiet hours: on every channel alike
            due = max(d.next_attempt_at for d in pushed)
            notification.escalate_at = due + self.window
            return []
        return self.step(notification, candidates)

    def step(self, notification: Notification, candidates: list[str]) -> list[Delivery]:
        """Send on the first of ``candidates``; look again later if more are left."""
        delivery = self.paid_delivery(notification, candidates[0])
        more = len(candidates) > 1 and delivery.status != DeliveryStatus.SKIPPED
        notification.escalate_at = delivery.next_attempt_at + self.window if more else None
        return [delivery]


def notifications_escalate(*, now: datetime.datetime | None = None, limit: int = 200):
    """Urgent notifications that reached nobody in time go to the next channel in the person's
    order. Safe to run twice at once (rows locked with SKIP LOCKED). Returns new deliveries."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(escalate_at__lte=now)
            .select_related("recipient")
            .order_by("escalate_at", "pk")[:limit]
        )
        if not due:
            return []
        router = Router({n.recipient_id for n in due}, now=now)
        settled = Delivery.objects.filter(notification__in=due).values_list(
            "notification_id", "channel", "status"
        )
        tried: dict[int, set[str]] = {}
        delivered: set[int] = set()
        for notification_id, name, status in settled:
            tried.setdefault(notification_id, set()).add(name)
            if status == DeliveryStatus.DELIVERED:
                delivered.add(notification_id)
        created = []
        for notification in due:
            notification.escalate_at = None
            if notification.pk in delivered or (
                notification.expires_at and notification.expires_at <= now
            ):
                continue
            candidates = router.next_paid(notification, tried.get(notification.pk, set()))
            if candidates:
                created.extend(router.step(notification, candidates))
        Notification.objects.bulk_update(due, ["escalate_at"])
        created = Delivery.objects.bulk_create(created)
        from notifications.services.inbox import deliveries_announce

        deliveries_announce(created, now=now)
    return created


def secrets_wipe(*, now: datetime.datetime | None = None) -> int:
    """Wipe the text and link of secret notifications whose deliveries are all settled, or that
    expired (and the console's copy). Returns how many were wiped."""
    now = now or timezone.now()
    unsettled = Delivery.objects.filter(notification=OuterRef("pk"), status__in=UNSETTLED)
    rows = (
        Notification.objects.filter(secret=True)
        .exclude(title="")
        .filter(Q(expires_at__lte=now) | ~Exists(unsettled))
    )
    ids = list(rows.values_list("pk", flat=True)[:1000])
    if not ids:
        return 0
    PhoneMessage.objects.filter(delivery__notification_id__in=ids).update(
        params=[], text="(secret: wiped)"
    )
    return Notification.objects.filter(pk__in=ids).update(
        title="", body="", url="", phone_message={}, escalate_at=None
    )
