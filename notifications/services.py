"""Operations of the notifications app: telling people things, reminding them, pushing to phones.

``notify`` puts an entry in a person's inbox (in their language) and queues its push after
commit. ``reminder_schedule`` / ``reminders_cancel`` manage reminders that fall due later;
``reminders_process_due`` (run every minute) turns due reminders into notifications, once.
``deliveries_send`` claims push deliveries and sends them (see ``push.py``), recording what each
push service answered.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime
import logging
import random
import time
import uuid
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.db.models import Q
from django.utils import formats, timezone, translation

# push (with pywebpush) is imported here, not where it is used: a Celery worker then loads it
# once, before forking its pool, instead of once in every pool process on its first push.
from notifications import conf, kinds, push
from notifications.models import (
    Delivery,
    DeliveryStatus,
    Notification,
    NotificationSettings,
    PushSubscription,
    Reminder,
    ReminderStatus,
)

logger = logging.getLogger(__name__)

DATETIME_MARK = "__datetime__"
DATE_MARK = "__date__"


# --- rendering ---------------------------------------------------------------------------------


class _Params(dict):
    """Missing placeholders render empty rather than failing a whole batch."""

    def __missing__(self, key):
        return ""


def _encode_params(params: dict | None) -> dict:
    """Params as JSON-safe values; datetimes keep a mark so they are shown in the reader's zone."""
    encoded = {}
    for key, value in (params or {}).items():
        if isinstance(value, datetime.datetime):
            if timezone.is_naive(value):
                value = timezone.make_aware(value, datetime.UTC)
            encoded[key] = {DATETIME_MARK: value.astimezone(datetime.UTC).isoformat()}
        elif isinstance(value, datetime.date):
            encoded[key] = {DATE_MARK: value.isoformat()}
        elif isinstance(value, str | int | float | bool) or value is None:
            encoded[key] = value
        else:
            encoded[key] = str(value)
    return encoded


def _display_value(value, recipient) -> str:
    if isinstance(value, dict) and DATETIME_MARK in value:
        value = datetime.datetime.fromisoformat(value[DATETIME_MARK])
    elif isinstance(value, dict) and DATE_MARK in value:
        value = datetime.date.fromisoformat(value[DATE_MARK])
    if isinstance(value, datetime.datetime):
        local = value.astimezone(recipient.zoneinfo)
        return f"{formats.date_format(local, 'D j M, H:i')} {recipient.time_zone_label}"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "D j M")
    return "" if value is None else str(value)


def _fill(text: str, values: dict) -> str:
    """``text % values``; a broken translation (a stray %) falls back to the bare text."""
    if not values:
        return text
    try:
        return text % values
    except (ValueError, TypeError):
        logger.error("cannot fill the placeholders of %r", text)
        return text


def notification_render(*, kind: str, params: dict | None, recipient) -> tuple[str, str, str]:
    """The title and text of ``kind`` in the recipient's language; returns (title, body, lang)."""
    spec = kinds.get(kind)
    language = recipient.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        values = _Params({k: _display_value(v, recipient) for k, v in (params or {}).items()})
        title = _fill(str(spec.title), values)
        body = _fill(str(spec.body), values)
    return title[:200], body[:1000], language


# --- quiet hours and preferences ---------------------------------------------------------------


@dataclass
class _Prefs:
    quiet_start: datetime.time
    quiet_end: datetime.time
    muted: set[str] = field(default_factory=set)


def _prefs_for(user_ids: Iterable[int]) -> dict[int, _Prefs]:
    rows = NotificationSettings.objects.filter(user_id__in=set(user_ids))
    return {
        row.user_id: _Prefs(row.quiet_start, row.quiet_end, set(row.muted_kinds or []))
        for row in rows
    }


DEFAULT_PREFS = _Prefs(datetime.time(21, 0), datetime.time(6, 0))


def quiet_hours_end(*, at: datetime.datetime, start, end, zone) -> datetime.datetime | None:
    """When the quiet hours that ``at`` falls in end (UTC), or None if ``at`` is not in them."""
    if start == end:
        return None
    local = at.astimezone(zone)
    now_t = local.time()
    if start < end:
        inside = start <= now_t < end
        end_date = local.date()
    else:  # across midnight, e.g. 21:00–06:00
        inside = now_t >= start or now_t < end
        end_date = local.date() + datetime.timedelta(days=1) if now_t >= start else local.date()
    if not inside:
        return None
    return datetime.datetime.combine(end_date, end, tzinfo=zone).astimezone(datetime.UTC)


# --- creating notifications --------------------------------------------------------------------


@dataclass
class _Item:
    recipient: object
    kind: str
    url: str
    params: dict
    content_type_id: int | None = None
    object_id: str = ""
    expires_at: datetime.datetime | None = None
    reminder_id: int | None = None


def _object_key(obj) -> tuple[int | None, str]:
    if obj is None:
        return None, ""
    return ContentType.objects.get_for_model(obj).pk, str(obj.pk)


def _notifications_create(
    items: list[_Item], *, now: datetime.datetime
) -> tuple[list[Notification], list[Delivery]]:
    """Inbox entries for ``items`` and a delivery row per subscription of each recipient."""
    if not items:
        return [], []
    user_ids = {item.recipient.pk for item in items}
    prefs = _prefs_for(user_ids)
    subscriptions: dict[int, list[PushSubscription]] = {}
    for sub in PushSubscription.objects.filter(user_id__in=user_ids).order_by("pk"):
        subscriptions.setdefault(sub.user_id, []).append(sub)

    notifications = []
    for item in items:
        spec = kinds.get(item.kind)
        title, body, language = notification_render(
            kind=item.kind, params=item.params, recipient=item.recipient
        )
        expires_at = item.expires_at or now + datetime.timedelta(seconds=spec.ttl)
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
            )
        )
    notifications = Notification.objects.bulk_create(notifications)

    deliveries = []
    for notification in notifications:
        spec = kinds.get(notification.kind)
        pref = prefs.get(notification.recipient_id, DEFAULT_PREFS)
        for sub in subscriptions.get(notification.recipient_id, []):
            delivery = Delivery(
                notification=notification,
                subscription=sub,
                endpoint=sub.endpoint,
                next_attempt_at=now,
            )
            if notification.kind in pref.muted:
                delivery.status = DeliveryStatus.SKIPPED
                delivery.reason = "turned off by the person for this kind"
            else:
                quiet_end = quiet_hours_end(
                    at=now,
                    start=pref.quiet_start,
                    end=pref.quiet_end,
                    zone=notification.recipient.zoneinfo,
                )
                if quiet_end is not None:
                    latest = notification.expires_at - datetime.timedelta(seconds=spec.min_lead)
                    if quiet_end >= latest:
                        delivery.status = DeliveryStatus.SKIPPED
                        delivery.reason = "quiet hours: would arrive too late to be useful"
                    else:
                        delivery.next_attempt_at = quiet_end
                        delivery.reason = "held back by quiet hours"
            deliveries.append(delivery)
    deliveries = Delivery.objects.bulk_create(deliveries)
    return notifications, deliveries


def _queue_push(deliveries: list[Delivery], *, now: datetime.datetime) -> None:
    """After commit, queue tasks for the deliveries due now (the minute tick catches the rest)."""
    ids = [
        d.pk
        for d in deliveries
        if d.status == DeliveryStatus.PENDING and d.next_attempt_at <= now and d.pk
    ]
    if not ids:
        return

    def enqueue():
        from notifications.tasks import push_deliveries

        size = conf.get("WEBPUSH_BATCH_SIZE")
        for start in range(0, len(ids), size):
            try:
                push_deliveries.delay(ids[start : start + size])
            except Exception:  # the broker being down must not lose the message: the tick sends
                logger.exception("could not queue push deliveries; the minute tick will send them")
                return

    transaction.on_commit(enqueue)


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
    content_type_id, object_id = _object_key(obj)
    item = _Item(
        recipient=recipient,
        kind=kind,
        url=url or "",
        params=_encode_params(params),
        content_type_id=content_type_id,
        object_id=object_id,
        expires_at=expires_at,
    )
    with transaction.atomic():
        notifications, deliveries = _notifications_create([item], now=now)
        _queue_push(deliveries, now=now)
    return notifications[0]


# --- reminders ---------------------------------------------------------------------------------


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
    content_type_id, object_id = _object_key(obj)
    lookup = {
        "recipient": recipient,
        "kind": kind,
        "content_type_id": content_type_id,
        "object_id": object_id,
        "scheduled_for": at,
    }
    values = {"url": (url or "")[:500], "params": _encode_params(params), "expires_at": expires_at}
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
    content_type_id, object_id = _object_key(obj)
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
                params.update(_encode_params(fresh))
            reminder.status = ReminderStatus.SENT
            items.append(
                _Item(
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
        _notifications, deliveries = _notifications_create(items, now=now)
        by_status: dict[str, list[int]] = {}
        for reminder in due:
            by_status.setdefault(reminder.status, []).append(reminder.pk)
        for status, pks in by_status.items():
            Reminder.objects.filter(pk__in=pks).update(status=status, processed_at=now)
        _queue_push(deliveries, now=now)
    return len(due), deliveries


# --- sending -----------------------------------------------------------------------------------


def _claimable(now: datetime.datetime, *, pending_grace: float = 0) -> Q:
    stale = now - datetime.timedelta(seconds=conf.get("WEBPUSH_CLAIM_TIMEOUT"))
    settled = now - datetime.timedelta(seconds=pending_grace)
    return (
        Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=settled)
        | Q(status=DeliveryStatus.RETRYING, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
    )


def deliveries_claim(
    *, ids: Iterable[int] | None = None, limit: int | None = None, now=None
) -> tuple[str, list[Delivery]]:
    """Claim deliveries that are due (or whose claim went stale) for this worker.

    Locks with ``SKIP LOCKED`` so concurrent workers split the rows, then marks them ``sending``
    with a token; outcomes are only written while the token still matches.
    """
    now = now or timezone.now()
    limit = limit or conf.get("WEBPUSH_BATCH_SIZE")
    token = uuid.uuid4().hex
    with transaction.atomic():
        rows = Delivery.objects.select_for_update(skip_locked=True).filter(_claimable(now))
        if ids is not None:
            rows = rows.filter(pk__in=list(ids))
        claimed = list(rows.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
        if not claimed:
            return token, []
        Delivery.objects.filter(pk__in=claimed).update(
            status=DeliveryStatus.SENDING, claimed_at=now, claim_token=token
        )
    deliveries = list(
        Delivery.objects.filter(pk__in=claimed, claim_token=token)
        .select_related("notification", "subscription")
        .only(*SENDING_FIELDS)
        .order_by("pk")
    )
    return token, deliveries


# What sending reads of a claimed delivery (push.Sender, _outcome); the rest is left in the
# database: a batch would otherwise read and convert a dozen timestamps per push it never uses.
SENDING_FIELDS = (
    "attempts",
    "endpoint",
    "notification__kind",
    "notification__title",
    "notification__body",
    "notification__url",
    "notification__content_type_id",
    "notification__object_id",
    "notification__expires_at",
    "subscription__endpoint",
    "subscription__p256dh",
    "subscription__auth",
)


def retry_delay(attempt: int) -> float:
    """Growing, jittered delay before retry number ``attempt`` (1 for the first retry)."""
    base = conf.get("WEBPUSH_RETRY_BASE_SECONDS") * 2 ** max(attempt - 1, 0)
    return min(base * random.uniform(0.5, 1.5), conf.get("WEBPUSH_RETRY_MAX_SECONDS"))


def parse_retry_after(value: str | None, *, now: datetime.datetime) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max((when - now).total_seconds(), 0.0)


NOT_RETRIED = {400, 401, 403, 413}


def _outcome(delivery: Delivery, result, *, now: datetime.datetime) -> dict:
    """The fields to write for a delivery after one attempt (``result`` from ``push.send``)."""
    attempts = delivery.attempts + 1
    fields = {"attempts": attempts, "status_code": result.status_code, "claim_token": ""}
    code = result.status_code
    if code is not None and 200 <= code < 300:
        return {**fields, "status": DeliveryStatus.DELIVERED, "sent_at": now, "reason": ""}
    if code in (404, 410):
        return {**fields, "status": DeliveryStatus.GONE, "reason": result.reason}
    max_attempts = conf.get("WEBPUSH_MAX_ATTEMPTS")
    if code == 429 or code is None or code >= 500:
        if attempts >= max_attempts:
            return {
                **fields,
                "status": DeliveryStatus.FAILED,
                "reason": f"gave up after {attempts} attempts: {result.reason}"[:500],
            }
        delay = None
        if code == 429:
            delay = parse_retry_after(result.retry_after, now=now)
        if delay is None:
            delay = retry_delay(attempts)
        return {
            **fields,
            "status": DeliveryStatus.RETRYING,
            "next_attempt_at": now + datetime.timedelta(seconds=delay),
            "reason": result.reason[:500],
        }
    level = logging.ERROR if code in NOT_RETRIED else logging.WARNING
    logger.log(level, "push to %s refused (%s): %s", delivery.endpoint, code, result.reason)
    return {**fields, "status": DeliveryStatus.FAILED, "reason": result.reason[:500]}


def deliveries_send(
    *, ids: Iterable[int] | None = None, limit: int | None = None, sender=None
) -> dict[str, int]:
    """Claim deliveries and push them, one HTTP request each over a kept-alive connection.

    Returns counts by resulting status (and, under ``"seconds"``, where the time went). Retries
    due within a minute are queued with a short countdown; later ones wait for the minute tick.
    """
    if sender is None and not conf.get("WEBPUSH_VAPID_PRIVATE_KEY"):
        # Claiming would only leave rows to go stale; they wait until the keys are set.
        logger.error("web push is not configured (WEBPUSH_VAPID_PRIVATE_KEY); nothing sent")
        return {}
    started = time.perf_counter()
    with _async_commit():
        token, deliveries = deliveries_claim(ids=ids, limit=limit)
        db_seconds = time.perf_counter() - started
        if not deliveries:
            return {}
        return _deliveries_push(deliveries, token, sender, started, db_seconds)


@contextlib.contextmanager
def _async_commit():
    """On PostgreSQL, commit claims and outcomes without waiting for the disk.

    A worker that dies loses nothing (the server has the commit); only a crash of PostgreSQL
    itself could forget the last outcomes, which then makes those pushes go again, and their
    Topic makes the push service replace the earlier copy.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def _outcome_write(pk: int, token: str, fields: dict) -> None:
    """One UPDATE, in plain SQL: it runs once per push, and the ORM's cost would show."""
    db = connections[DEFAULT_DB_ALIAS]  # `connection` is a proxy that looks it up on every use
    quote = db.ops.quote_name
    table = quote(Delivery._meta.db_table)
    columns = ", ".join(f"{quote(name)} = %s" for name in fields)
    sql = f"UPDATE {table} SET {columns} WHERE id = %s AND claim_token = %s"
    params = [*(str(v) if isinstance(v, DeliveryStatus) else v for v in fields.values()), pk, token]
    if db.vendor == "postgresql":
        # A prepared statement: PostgreSQL parses and plans it once per connection, not once per
        # push. (Django's psycopg cursors bind parameters on the client and never prepare.)
        import psycopg

        db.ensure_connection()
        with db.wrap_database_errors, psycopg.Cursor(db.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
        return
    with db.cursor() as cursor:
        cursor.execute(sql, params)


class _Inline:
    """A stand-in for a thread pool of one: run each push right away, in this thread."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def submit(self, fn, *args, **kwargs):
        future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except Exception as error:
            future.set_exception(error)
        return future


def _deliveries_push(deliveries, token, sender, started, db_seconds) -> dict:
    """Push the claimed deliveries, a few at a time, writing each outcome as it comes in.

    With ``WEBPUSH_CONCURRENCY`` > 1 the HTTP requests run on a small thread pool (useful when
    push services are far away and answers slow) while this thread writes outcomes; with 1
    (the default: more worker processes scale better than threads under the GIL) each push is
    sent and recorded in turn. Only pushes in flight when a worker is killed can go twice,
    and their Topic makes the push service replace the earlier copy.
    """
    counts: dict = {}
    own_sender = sender is None
    sender = sender or push.Sender()
    soonest_retry = None
    delivered_subs = []

    def record(delivery, fields):
        nonlocal db_seconds
        fields.setdefault("claim_token", "")
        written = time.perf_counter()
        _outcome_write(delivery.pk, token, {**fields, "updated_at": timezone.now()})
        db_seconds += time.perf_counter() - written
        counts[fields["status"]] = counts.get(fields["status"], 0) + 1

    def settle(future, delivery):
        nonlocal soonest_retry
        fields = _outcome(delivery, future.result(), now=timezone.now())
        if fields["status"] == DeliveryStatus.GONE:
            PushSubscription.objects.filter(pk=delivery.subscription_id).delete()
        elif fields["status"] == DeliveryStatus.DELIVERED:
            delivered_subs.append(delivery.subscription_id)
        elif fields["status"] == DeliveryStatus.RETRYING:
            at = fields["next_attempt_at"]
            soonest_retry = at if soonest_retry is None else min(soonest_retry, at)
        # Written at once, so a worker killed later does not make this one go again.
        record(delivery, fields)

    concurrency = conf.get("WEBPUSH_CONCURRENCY")
    with ThreadPoolExecutor(max_workers=concurrency) if concurrency > 1 else _Inline() as pool:
        # At most `concurrency` pushes are sent and not yet recorded at any moment.
        in_flight: dict = {}
        for delivery in deliveries:
            now = timezone.now()
            notification = delivery.notification
            if delivery.subscription_id is None:
                record(
                    delivery, {"status": DeliveryStatus.SKIPPED, "reason": "subscription removed"}
                )
                continue
            if notification.expires_at and notification.expires_at <= now:
                record(
                    delivery,
                    {"status": DeliveryStatus.SKIPPED, "reason": "too late: expired before sent"},
                )
                continue
            while len(in_flight) >= concurrency:
                done, _pending = concurrent.futures.wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    settle(future, in_flight.pop(future))
            future = pool.submit(sender.send, delivery.subscription, notification, now=now)
            in_flight[future] = delivery
        for future in as_completed(list(in_flight)):
            settle(future, in_flight.pop(future))
    written = time.perf_counter()
    if delivered_subs:
        PushSubscription.objects.filter(pk__in=set(delivered_subs)).update(
            last_success_at=timezone.now()
        )
    db_seconds += time.perf_counter() - written
    if soonest_retry is not None:
        wait = (soonest_retry - timezone.now()).total_seconds()
        if wait <= 60:
            from notifications.tasks import push_due

            try:
                push_due.apply_async(countdown=max(wait, 0) + 0.05)
            except Exception:
                logger.exception("could not queue the retry; the minute tick will retry")
    timings = {**sender.timings, "database": db_seconds}
    timings["total"] = time.perf_counter() - started
    if own_sender:
        sender.close()
    counts["seconds"] = timings
    return counts


def deliveries_due_ids(*, now=None, limit: int = 10_000, pending_grace: float = 0) -> list[int]:
    """Deliveries a worker could claim now (due, retry due, or claimed by a dead worker).

    ``pending_grace`` leaves out new deliveries younger than that: their creator queued them.
    """
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(_claimable(now, pending_grace=pending_grace))
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


# --- the inbox ---------------------------------------------------------------------------------


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the person's own notifications (all, or those ``ids``) read; returns how many."""
    rows = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    return rows.update(read_at=timezone.now())


# --- subscriptions and settings ----------------------------------------------------------------


def subscription_save(*, user, endpoint: str, p256dh: str, auth: str, user_agent: str = ""):
    """Store (or move to this person) a browser's push subscription."""
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
) -> NotificationSettings:
    row, _created = NotificationSettings.objects.update_or_create(
        user=user,
        defaults={
            "quiet_start": quiet_start,
            "quiet_end": quiet_end,
            "muted_kinds": sorted(set(muted_kinds)),
        },
    )
    return row
