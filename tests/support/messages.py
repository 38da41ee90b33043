"""What a person received: the one place tests read a message sent to someone.

Through the ``received`` fixture (``tests/support/fixtures/gateway.py``) WhatsApp and SMS point
at the fake gateway on 127.0.0.1; ``received.last_message_to(user, kind)`` runs the delivery the
way the worker would (``notifications.delivery.deliveries_send``) and returns the last message of
that kind the gateway passed on to the person's number: the text they read on their phone, with
its absolute link and its code. A kind that stays in the inbox (``reach="inbox"``) never reaches
the phone: ``inbox_message`` reads the inbox entry for those.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

LINK = re.compile(r"https?://\S+")


@dataclass
class Received:
    """One message as the person reads it on their phone."""

    channel: str
    to: str
    text: str
    template: str = ""

    @property
    def link(self) -> str:
        """The (absolute) link in the message."""
        match = LINK.search(self.text)
        assert match, f"no link in {self.text!r}"
        return match.group(0)

    @property
    def path(self) -> str:
        """The link's path, for Django's test client."""
        return urlsplit(self.link).path

    def code(self) -> str:
        """The 6-digit code in the message."""
        match = re.search(r"(?<![\d/])(\d{6})(?![\d/])", LINK.sub(" ", self.text))
        assert match, f"no code in {self.text!r}"
        return match.group(1)


class PhoneMessages:
    """What the fake gateway passed on, by person and kind."""

    def __init__(self, gateway):
        self.gateway = gateway

    def deliver(self) -> None:
        """Send what is due, as the worker would, until nothing is left."""
        from notifications.delivery import deliveries_send

        for _ in range(20):
            if not deliveries_send():
                return

    def _mine(self, user, kind: str) -> list[dict]:
        from notifications.models import Delivery

        self.deliver()
        wanted = [m for m in self.gateway.messages() if m["reference"].startswith("berdaya-")]
        ids = {int(m["reference"].rsplit("-", 1)[1]) for m in wanted}
        ours = set(
            Delivery.objects.filter(
                pk__in=ids, notification__recipient=user, notification__kind=kind
            ).values_list("pk", flat=True)
        )
        return [m for m in wanted if int(m["reference"].rsplit("-", 1)[1]) in ours]

    def last_message_to(self, user, kind: str) -> Received | None:
        """The latest message of ``kind`` that reached ``user``'s phone, or None."""
        mine = self._mine(user, kind)
        if not mine:
            return None
        last = mine[-1]
        return Received(
            channel=last["channel"], to=last["to"], text=last["text"], template=last["template"]
        )

    def messages_to(self, user, kind: str) -> int:
        """How many messages of ``kind`` reached ``user``'s phone."""
        return len(self._mine(user, kind))


@dataclass
class InboxEntry:
    title: str
    body: str
    url: str


def inbox_message(user, kind: str) -> InboxEntry | None:
    """The latest inbox entry of ``kind`` for ``user`` (kinds that stay in the inbox)."""
    from notifications.models import Notification

    row = Notification.objects.filter(recipient=user, kind=kind).order_by("-created_at", "-pk")
    row = row.first()
    return None if row is None else InboxEntry(row.title, row.body, row.url)


def inbox_count(user, kind: str) -> int:
    from notifications.models import Notification

    return Notification.objects.filter(recipient=user, kind=kind).count()
