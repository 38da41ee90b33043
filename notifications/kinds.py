"""The registry of notification kinds: each kind's message texts and push settings.

Apps register their kinds where their reminder rules live, for example::

    from django.utils.translation import gettext_lazy as _
    from notifications import kinds

    kinds.register(
        "clinic_reminder_1h",
        label=_("Clinic reminders"),
        title=_("Your clinic starts in 1 hour"),
        body=_("%(topic)s at %(start)s"),
        ttl=3600,
        urgency="high",
    )

``title`` and ``body`` are lazy translations with ``%(name)s`` placeholders filled from the
``params`` given to ``notify``; they are rendered in the recipient's language when the
notification is created. A datetime parameter is shown in the recipient's zone with its label.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

URGENCIES = ("very-low", "low", "normal", "high")

# How far a kind reaches beyond the inbox:
# - "inbox": the inbox and web push only (most kinds);
# - "urgent": web push first, escalating to the person's next channel (WhatsApp, then SMS, in
#   the person's order) when they have no push device or no delivery succeeded in time
#   (clinic in one hour, a waitlist seat offered, a session moved or cancelled);
# - "direct": straight to the person's first paid channel (WhatsApp or SMS) as well as push;
#   for what someone needs without being signed in (an invitation link, a sign-in code) or a
#   message a facilitator marked important. A direct kind with ``secret=True`` is never listed
#   in the inbox, and its text is wiped once delivered or expired (a one-time code).
REACHES = ("inbox", "urgent", "direct")

# Without a registered kind the message is still delivered, with this generic text.
DEFAULT_TITLE = _("Berdaya")
DEFAULT_BODY = _("You have a new notification.")


@dataclass(frozen=True)
class Kind:
    """How one kind of notification reads and is pushed."""

    name: str
    title: object
    body: object = ""
    label: object = ""
    ttl: int = 24 * 3600
    urgency: str = "normal"
    # Who may switch it off on the settings page (role group names); empty: everyone.
    audience: tuple[str, ...] = ()
    # A reminder that would only arrive this long before it expires is not worth sending.
    min_lead: int = 0
    # For reminders: ``refresh(obj, recipient) -> dict | None`` runs when the reminder falls due;
    # it returns fresh parameters (a count that changed since), or None if it is no longer
    # needed (the assignment was submitted meanwhile).
    refresh: Callable[[Any, Any], dict | None] | None = None
    # See REACHES above.
    reach: str = "inbox"
    secret: bool = False


_registry: dict[str, Kind] = {}


def register(
    name: str,
    *,
    title,
    body="",
    label="",
    ttl: int | datetime.timedelta = 24 * 3600,
    urgency: str = "normal",
    audience: tuple[str, ...] | list[str] = (),
    min_lead: int | datetime.timedelta = 0,
    refresh: Callable[[Any, Any], dict | None] | None = None,
    reach: str = "inbox",
    secret: bool = False,
) -> Kind:
    """Register (or replace) a kind. Returns it."""
    if urgency not in URGENCIES:
        raise ValueError(f"urgency must be one of {URGENCIES}, not {urgency!r}")
    if reach not in REACHES:
        raise ValueError(f"reach must be one of {REACHES}, not {reach!r}")
    if secret and reach != "direct":
        raise ValueError("only a direct kind can be secret")
    if len(name) > 50:
        raise ValueError("a kind's name has at most 50 characters")
    if isinstance(ttl, datetime.timedelta):
        ttl = int(ttl.total_seconds())
    if isinstance(min_lead, datetime.timedelta):
        min_lead = int(min_lead.total_seconds())
    kind = Kind(
        name=name,
        title=title,
        body=body,
        label=label or title,
        ttl=int(ttl),
        urgency=urgency,
        audience=tuple(audience),
        min_lead=int(min_lead),
        refresh=refresh,
        reach=reach,
        secret=secret,
    )
    _registry[name] = kind
    return kind


def get(name: str) -> Kind:
    """The registered kind, or a generic one so an unknown kind never loses a message."""
    return _registry.get(name) or Kind(name=name, title=DEFAULT_TITLE, body=DEFAULT_BODY)


def kind_label(name: str) -> str:
    """What a kind is called for people (the admin, the settings page): its label in the active
    language, or the bare name of a kind no app registers (any more)."""
    kind = _registry.get(name)
    return str(kind.label) if kind is not None and kind.label else name


def is_registered(name: str) -> bool:
    return name in _registry


def all_kinds() -> list[Kind]:
    return sorted(_registry.values(), key=lambda kind: kind.name)


def secret_names() -> list[str]:
    """The kinds never listed in the inbox (one-time codes and links)."""
    return [kind.name for kind in _registry.values() if kind.secret]
