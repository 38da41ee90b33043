"""Sending a batch: claim due deliveries, hand each to its channel, record each outcome at once.

A push in flight when its worker is killed has no outcome recorded; the next worker to claim it
(a minute later) sends it again. Every web push carries a Topic per notification, so a push
service still holding the first copy replaces it with the second, and the service worker's tag
makes the second replace the first on screen: nothing is lost and nobody sees it twice.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, as_completed

from django.utils import timezone

from notifications import channels, conf, signals
from notifications.delivery.claims import claim_renew_seconds, claims_renew, deliveries_claim
from notifications.delivery.outcomes import async_commit, outcome, outcome_write
from notifications.models import Delivery, DeliveryStatus

logger = logging.getLogger(__name__)


def deliveries_send(*, ids: Iterable[int] | None = None, limit: int | None = None) -> dict:
    """Claim deliveries and send them, each over its channel (web push: one HTTP request each
    over a kept-alive connection).

    Returns counts by resulting status (and, under ``"seconds"``, where the time went). Retries
    due within a minute are announced (``signals.retry_due``); later ones wait for the tick.
    """
    idle = [channel for channel in channels.all_channels() if not channel.configured()]
    for channel in idle:
        # Claiming would only leave rows to go stale; they wait until it is configured.
        logger.error("channel %s is not configured; nothing sent through it", channel.name)
    if len(idle) == len(channels.all_channels()):
        return {}
    started = time.perf_counter()
    with async_commit():
        token, deliveries = deliveries_claim(ids=ids, limit=limit)
        db_seconds = time.perf_counter() - started
        if not deliveries:
            return {}
        return _Run(token, db_seconds).send(deliveries, started)


class _Inline:
    """A stand-in for a thread pool of one: run each send right away, in this thread."""

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


class _Run:
    """One claimed batch on its way out: outcomes, counts, claim renewal, the soonest retry."""

    def __init__(self, token: str, db_seconds: float):
        self.token = token
        self.db_seconds = db_seconds
        self.counts: dict = {}
        self.soonest_retry = None
        self.renew_every = claim_renew_seconds()
        self.renew_at = time.monotonic() + self.renew_every
        self.timings: dict[str, float] = {}

    def send(self, deliveries: list[Delivery], started: float) -> dict:
        by_channel: dict[str, list[Delivery]] = {}
        for delivery in deliveries:
            by_channel.setdefault(delivery.channel, []).append(delivery)
        for name, group in by_channel.items():
            self._send_channel(channels.get(name), group)
        if self.soonest_retry is not None:
            wait = (self.soonest_retry - timezone.now()).total_seconds()
            if wait <= 60:
                signals.retry_due.send(sender=Delivery, countdown=max(wait, 0) + 0.05)
        timings = {**self.timings, "database": self.db_seconds}
        timings["total"] = time.perf_counter() - started
        self.counts["seconds"] = timings
        return self.counts

    def record(self, delivery: Delivery, fields: dict) -> None:
        fields.setdefault("claim_token", "")
        written = time.perf_counter()
        outcome_write(delivery.pk, self.token, {**fields, "updated_at": timezone.now()})
        self.db_seconds += time.perf_counter() - written
        self.counts[fields["status"]] = self.counts.get(fields["status"], 0) + 1

    def renew_if_due(self) -> None:
        """A long batch (slow push services) keeps its claim, so no one else sends it too."""
        if time.monotonic() < self.renew_at:
            return
        written = time.perf_counter()
        claims_renew(self.token)
        self.db_seconds += time.perf_counter() - written
        self.renew_at = time.monotonic() + self.renew_every

    def _send_channel(self, channel, deliveries: list[Delivery]) -> None:
        """Send with a few in flight at once, writing each outcome as it comes in.

        With ``WEBPUSH_CONCURRENCY`` > 1 the requests run on a small thread pool (useful when
        remote services are far away and answers slow) while this thread writes outcomes; with
        1 (the default: more worker processes scale better than threads under the GIL) each
        message is sent and recorded in turn.
        """
        batch = channel.open_batch()
        delivered = []

        def settle(future, delivery):
            fields = outcome(delivery, future.result(), now=timezone.now())
            if fields["status"] == DeliveryStatus.GONE:
                channel.on_gone([delivery])
            elif fields["status"] == DeliveryStatus.DELIVERED:
                delivered.append(delivery)
            elif fields["status"] == DeliveryStatus.RETRYING:
                at = fields["next_attempt_at"]
                self.soonest_retry = (
                    at if self.soonest_retry is None else min(self.soonest_retry, at)
                )
            # Written at once, so a worker killed later does not make this one go again.
            self.record(delivery, fields)

        concurrency = conf.get("WEBPUSH_CONCURRENCY")
        try:
            with ThreadPoolExecutor(concurrency) if concurrency > 1 else _Inline() as pool:
                # At most `concurrency` messages are sent and not yet recorded at any moment.
                in_flight: dict = {}
                for delivery in deliveries:
                    self.renew_if_due()
                    now = timezone.now()
                    skip = channel.unreachable(delivery)
                    expires_at = delivery.notification.expires_at
                    if skip is None and expires_at and expires_at <= now:
                        skip = "too late: expired before sent"
                    if skip is not None:
                        self.record(delivery, {"status": DeliveryStatus.SKIPPED, "reason": skip})
                        continue
                    while len(in_flight) >= concurrency:
                        done, _ = concurrent.futures.wait(in_flight, return_when=FIRST_COMPLETED)
                        for future in done:
                            settle(future, in_flight.pop(future))
                    in_flight[pool.submit(batch.send, delivery, now=now)] = delivery
                for future in as_completed(list(in_flight)):
                    settle(future, in_flight.pop(future))
            written = time.perf_counter()
            if delivered:
                channel.on_delivered(delivered)
            self.db_seconds += time.perf_counter() - written
        finally:
            for step, seconds in batch.timings.items():
                self.timings[step] = self.timings.get(step, 0.0) + seconds
            batch.close()
