"""WhatsApp and SMS: paid channels that reach a person at their own mobile number.

A delivery's endpoint is ``"<channel>:<number>"`` (so the same number on WhatsApp and on SMS
are two deliveries, each sent once). What is sent was rendered when the notification was
created (``Notification.phone_message``: template, parameters, text); the channel only hands
it to its backend (``backends``), chosen by the settings.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from notifications.channels.base import Address, Batch, Channel, Result
from notifications.channels.phone.backends import backend_for


class PhoneBatch(Batch):
    def __init__(self, backend):
        self.backend = backend
        self.timings = {}

    def send(self, delivery, *, now: datetime.datetime) -> Result:
        notification = delivery.notification
        message = notification.phone_message
        if not message:
            return Result(None, "nothing to send (the text was wiped)", refused=True)
        return self.backend.send(
            to=delivery.endpoint.split(":", 1)[1],
            message=message,
            reference=f"berdaya-{delivery.pk}",
            secret=notification.secret,
        )

    def close(self) -> None:
        self.backend.close()


class PhoneChannel(Channel):
    """A channel that reaches people at their mobile number and costs money per message."""

    paid = True
    sending_fields = ("notification__phone_message", "notification__secret")

    def backend(self):
        return backend_for(self.name)

    def configured(self) -> bool:
        return self.backend().configured()

    def addresses(self, user_ids: Iterable[int]) -> dict[int, list[Address]]:
        from django.contrib.auth import get_user_model

        rows = get_user_model().objects.filter(pk__in=set(user_ids), is_active=True)
        return {
            pk: [Address(f"{self.name}:{mobile}")]
            for pk, mobile in rows.exclude(mobile="").values_list("pk", "mobile")
        }

    def open_batch(self) -> Batch:
        return PhoneBatch(self.backend())


class WhatsAppChannel(PhoneChannel):
    name = "whatsapp"


class SmsChannel(PhoneChannel):
    name = "sms"


PAID_CHANNELS = ("whatsapp", "sms")
