"""Celery tasks of the notifications app: thin wrappers around the services.

Every periodic one is listed in ``CELERY_BEAT_SCHEDULE`` (cms/settings/base.py) and is safe to
run twice at the same time: rows are claimed with ``SELECT ... FOR UPDATE SKIP LOCKED``.
"""

import time

from celery import shared_task

from cms.notifications import conf, services

# A tick stops taking new reminders after this long, so ticks do not pile up.
TICK_BUDGET_SECONDS = 45


@shared_task(name="notifications.push_deliveries", ignore_result=True)
def push_deliveries(delivery_ids: list[int]) -> None:
    """Send these deliveries (those still due and not claimed by another worker)."""
    services.deliveries_send(ids=delivery_ids)


@shared_task(name="notifications.push_due", ignore_result=True)
def push_due() -> None:
    """Send one batch of whatever is due: retries, deferred pushes, claims of dead workers."""
    services.deliveries_send()


@shared_task(name="notifications.tick", ignore_result=True)
def tick() -> None:
    """Every minute: turn due reminders into notifications, then queue every due delivery."""
    started = time.monotonic()
    while time.monotonic() - started < TICK_BUDGET_SECONDS:
        handled, _deliveries = services.reminders_process_due()
        if handled < conf.get("REMINDER_BATCH_SIZE"):
            break
    ids = services.deliveries_due_ids()
    size = conf.get("WEBPUSH_BATCH_SIZE")
    for start in range(0, len(ids), size):
        push_deliveries.delay(ids[start : start + size])


@shared_task(name="notifications.daily_digests", ignore_result=True)
def daily_digests() -> None:
    """Schedule today's digests for people whose 08:00 has come (only if there is something)."""
    from cms.notifications import digests

    digests.digests_schedule()
