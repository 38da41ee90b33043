"""What a person received: the one place tests read a message sent to someone.

Until the WhatsApp/SMS channels exist this reads the notification row (its title, text and
link); once they do, it reads what the fake gateway received instead, and every test that
asks "what did the person get?" follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Received:
    """One message as the person would read it."""

    title: str
    body: str
    url: str

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.body}\n{self.url}"

    def code(self) -> str:
        """The 6-digit code in the message."""
        match = re.search(r"\b(\d{6})\b", self.body)
        assert match, f"no code in {self.body!r}"
        return match.group(1)


def last_message_to(user, kind: str) -> Received | None:
    """The latest message of ``kind`` sent to ``user``, or None."""
    from notifications.models import Notification

    row = Notification.objects.filter(recipient=user, kind=kind).order_by("-created_at", "-pk")
    row = row.first()
    if row is None:
        return None
    return Received(title=row.title, body=row.body, url=row.url)


def messages_to(user, kind: str) -> int:
    """How many messages of ``kind`` ``user`` was sent."""
    from notifications.models import Notification

    return Notification.objects.filter(recipient=user, kind=kind).count()
