"""What a channel is: a way to reach a person's device (web push, WhatsApp, SMS).

The scheduler asks every registered channel where a person can be reached (``addresses``) and
creates one ``Delivery`` row per address; the delivery layer claims due rows and hands each to
its channel's ``Batch``, which sends one message and says what happened in a ``Result``. Neither
the scheduler nor the delivery layer knows how a channel talks to the outside world.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Result:
    """What one attempt came to.

    ``status_code`` is an HTTP-like status (None for a network error, retried); ``refused``
    means the attempt was not made because the address is not allowed (never retried).
    """

    status_code: int | None
    reason: str = ""
    retry_after: str | None = None
    refused: bool = False


@dataclass(frozen=True)
class Address:
    """Where one person can be reached on one channel (a push subscription, a phone number)."""

    endpoint: str
    subscription_id: int | None = None


class Batch:
    """Sends the messages of one claimed batch; lives only as long as the batch.

    ``send`` must be thread-safe when the channel is used with ``WEBPUSH_CONCURRENCY`` > 1.
    ``timings`` says where the time went, in seconds per step (logged per batch).
    """

    timings: dict[str, float]

    def send(self, delivery, *, now: datetime.datetime) -> Result:
        raise NotImplementedError

    def close(self) -> None:
        pass


class Channel:
    """One way of delivering notifications. Subclasses set ``name`` and implement the methods."""

    name: str = ""
    # A paid channel (WhatsApp, SMS) costs money per message: it is used only for kinds that
    # reach beyond the inbox, in the person's order, within the monthly caps. A free one (web
    # push) gets every notification.
    paid: bool = False
    # What sending reads of a claimed delivery besides the delivery layer's own fields (for
    # ``.only()``: a batch would otherwise load columns it never uses, once per message).
    sending_fields: tuple[str, ...] = ()

    def configured(self) -> bool:
        """Whether the channel can send now (keys or credentials set); if not, nothing is
        claimed for it and its deliveries wait."""
        return True

    def addresses(self, user_ids: Iterable[int]) -> dict[int, list[Address]]:
        """Where each of these people can be reached on this channel."""
        raise NotImplementedError

    def unreachable(self, delivery) -> str | None:
        """Why this delivery cannot be sent at all any more (its address was removed), or None."""
        return None

    def open_batch(self) -> Batch:
        raise NotImplementedError

    def on_gone(self, deliveries) -> None:
        """The addresses of these deliveries no longer exist (HTTP 404 / 410)."""

    def on_delivered(self, deliveries) -> None:
        """These deliveries were accepted."""
