"""Claiming deliveries: which worker sends what, and taking over from a worker that died.

A worker locks due rows with ``SKIP LOCKED`` (concurrent workers split them), marks them
``sending`` with its own token, and renews ``claimed_at`` while its batch runs. A claim not
renewed for ``WEBPUSH_CLAIM_TIMEOUT`` seconds (a minute) belongs to a worker that died: the next
tick hands it to another worker.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from notifications import channels, conf
from notifications.models import Delivery, DeliveryStatus

# What sending reads of a claimed delivery (the outcome rules and every channel's batch); the
# rest is left in the database: a batch would otherwise read and convert a dozen timestamps
# per message it never uses. Channels add their own (``Channel.sending_fields``).
SENDING_FIELDS = (
    "attempts",
    "channel",
    "endpoint",
    "notification__kind",
    "notification__title",
    "notification__body",
    "notification__url",
    "notification__content_type_id",
    "notification__object_id",
    "notification__expires_at",
)


def claim_renew_seconds() -> float:
    """How often a running batch renews its claim: three times per claim timeout."""
    return conf.get("WEBPUSH_CLAIM_TIMEOUT") / 3


def _claimable(now: datetime.datetime, *, pending_grace: float = 0) -> Q:
    stale = now - datetime.timedelta(seconds=conf.get("WEBPUSH_CLAIM_TIMEOUT"))
    settled = now - datetime.timedelta(seconds=pending_grace)
    ready = [channel.name for channel in channels.all_channels() if channel.configured()]
    return Q(channel__in=ready) & (
        Q(status=DeliveryStatus.PENDING, next_attempt_at__lte=settled)
        | Q(status=DeliveryStatus.RETRYING, next_attempt_at__lte=now)
        | Q(status=DeliveryStatus.SENDING, claimed_at__lt=stale)
    )


def deliveries_claim(
    *, ids: Iterable[int] | None = None, limit: int | None = None, now=None
) -> tuple[str, list[Delivery]]:
    """Claim deliveries that are due (or whose claim went stale) for this worker.

    Only deliveries of channels that are configured are claimed. Returns the claim token and
    the claimed rows; outcomes are only written while the token still matches.
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
    fields = [*SENDING_FIELDS]
    for channel in channels.all_channels():
        fields.extend(channel.sending_fields)
    deliveries = list(
        Delivery.objects.filter(pk__in=claimed, claim_token=token)
        .select_related("notification", "subscription")
        .only(*fields)
        .order_by("pk")
    )
    return token, deliveries


def claims_renew(token: str) -> int:
    """Keep this batch's unsettled claims fresh, so no other worker takes them over."""
    return Delivery.objects.filter(claim_token=token, status=DeliveryStatus.SENDING).update(
        claimed_at=timezone.now()
    )


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
