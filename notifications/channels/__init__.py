"""The registry of delivery channels. Web push registers itself in ``NotificationsConfig.ready()``;
an app adding another channel (WhatsApp, SMS) registers an instance of its ``Channel`` there too::

    from notifications import channels

    channels.register(SmsChannel())

The scheduler and the delivery layer only go through this registry.
"""

from __future__ import annotations

from notifications.channels.base import Address, Batch, Channel, Result

__all__ = ["Address", "Batch", "Channel", "Result", "all_channels", "get", "register"]

_registry: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    """Register (or replace) a channel under its ``name``."""
    if not channel.name or len(channel.name) > 20:
        raise ValueError("a channel needs a name of at most 20 characters")
    _registry[channel.name] = channel
    return channel


def get(name: str) -> Channel:
    """The registered channel; KeyError for one that is not (its deliveries are not claimed)."""
    return _registry[name]


def all_channels() -> list[Channel]:
    return list(_registry.values())
