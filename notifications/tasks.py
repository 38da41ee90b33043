"""Celery tasks of the notifications app: thin wrappers around the services and the delivery
layer, and the receivers that queue them when those layers say something is due.

Every periodic one is listed in ``CELERY_BEAT_SCHEDULE`` (cms/settings/base.py) and is safe to
run twice at the same time: rows are claimed with ``SELECT ... FOR UPDATE SKIP LOCKED``.
"""

import json
import time

from celery import shared_task
from celery.utils.log import get_task_logger
from django.dispatch import receiver

from notifications import conf, delivery, digests, services, signals

logger = get_task_logger(__name__)

# A tick stops taking new reminders after this long, so ticks do not pile up.
TICK_BUDGET_SECONDS = 45


@shared_task(name="notifications.push_deliveries", ignore_result=True)
def push_deliveries(delivery_ids: list[int]) -> None:
    """Send these deliveries (those still due and not claimed by another worker)."""
    _log_batch(delivery.deliveries_send(ids=delivery_ids))
    services.secrets_wipe()


def _log_batch(counts: dict) -> None:
    seconds = counts.pop("seconds", None)
    if counts:
        # One line per batch: what happened and where the time went (the benchmark reads it).
        logger.info("push batch %s", json.dumps({"counts": counts, "seconds": seconds}))


@shared_task(name="notifications.push_due", ignore_result=True)
def push_due() -> None:
    """Send one batch of whatever is due: retries, deferred pushes, claims of dead workers."""
    _log_batch(delivery.deliveries_send())
    services.secrets_wipe()


def _queue_batches(ids: list[int]) -> None:
    size = conf.get("WEBPUSH_BATCH_SIZE")
    for start in range(0, len(ids), size):
        push_deliveries.delay(ids[start : start + size])


@receiver(signals.deliveries_due, dispatch_uid="notifications.queue_new_deliveries")
def queue_new_deliveries(*, ids: list[int], **kwargs) -> None:
    """New deliveries are due now: queue them in batches (after their transaction commits)."""
    try:
        _queue_batches(ids)
    except Exception:  # the broker being down must not lose the message: the tick sends
        logger.exception("could not queue push deliveries; the minute tick will send them")


@receiver(signals.retry_due, dispatch_uid="notifications.queue_retry")
def queue_retry(*, countdown: float, **kwargs) -> None:
    try:
        push_due.apply_async(countdown=countdown)
    except Exception:
        logger.exception("could not queue the retry; the minute tick will retry")


# New deliveries are queued by whoever created them; the tick's sweep leaves them this long.
SWEEP_GRACE_SECONDS = 60
# How many workers may help turn a large backlog of reminders into notifications at once.
FAN_OUT = 1


@shared_task(name="notifications.tick", ignore_result=True)
def tick() -> None:
    """Every minute: turn due reminders into notifications, then queue what else is due.

    A backlog larger than one batch is shared out: helpers take their own rows (``SKIP
    LOCKED``), so the work spreads over the workers and nothing is taken twice.
    """
    started = time.monotonic()
    backlog = services.reminders_due_count()
    batch = conf.get("REMINDER_BATCH_SIZE")
    for _helper in range(min(FAN_OUT, backlog // batch)):
        reminders_due.delay()
    _process_reminders(started)
    # Urgent notifications nobody received in time go to the next channel; secrets are wiped.
    services.notifications_escalate()
    services.secrets_wipe()
    # Whatever else is due: retries, pushes held back by quiet hours, claims of dead workers.
    _queue_batches(delivery.deliveries_due_ids(pending_grace=SWEEP_GRACE_SECONDS))


@shared_task(name="notifications.reminders_due", ignore_result=True)
def reminders_due() -> None:
    """Help a tick with a large backlog: turn due reminders into notifications until none."""
    _process_reminders(time.monotonic())


def _process_reminders(started: float) -> None:
    reminders = 0
    while time.monotonic() - started < TICK_BUDGET_SECONDS:
        handled, _deliveries = services.reminders_process_due()
        reminders += handled
        if handled < conf.get("REMINDER_BATCH_SIZE"):
            break
    if reminders:
        logger.info(
            "tick %s",
            json.dumps({"reminders": reminders, "seconds": time.monotonic() - started}),
        )


@shared_task(name="notifications.daily_digests", ignore_result=True)
def daily_digests() -> None:
    """Schedule today's digests for people whose 08:00 has come (only if there is something)."""
    digests.digests_schedule()


@shared_task(name="notifications.prune", ignore_result=True)
def prune() -> None:
    """The daily clean-up of old inbox entries, the delivery log and dealt-with reminders."""
    logger.info("pruned %s", json.dumps(services.notifications_prune()))
