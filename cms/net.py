"""The guard every outbound request goes through: no loopback, private or link-local addresses.

Feeds, push endpoints and message gateways are addresses that someone typed or sent us. Without
this guard such an address could reach the machine's own services (Redis, PostgreSQL) or a cloud
metadata endpoint. Check when the address is accepted, and again when it is used, because a name
can resolve differently later.
"""

import ipaddress
import os
import socket

from django.conf import settings


class UnknownHostError(ValueError):
    """The host name does not resolve."""

    def __init__(self, host: str):
        super().__init__(f"unknown host {host}")
        self.host = host


class PrivateAddressError(ValueError):
    """The host resolves to an address that is not on the public internet."""

    def __init__(self, host: str):
        super().__init__(f"{host} points into a private network")
        self.host = host


def private_networks_allowed(setting: str = "OUTBOUND_ALLOW_PRIVATE") -> bool:
    """Only for tests and local development, whose fake servers listen on 127.0.0.1."""
    configured = getattr(settings, setting, None)
    if configured is not None:
        return bool(configured)
    return os.environ.get(setting, "").lower() in ("1", "true", "yes")


def public_addresses(host: str, *, allow_private: bool = False) -> set[str]:
    """Resolve ``host`` and return its addresses, refusing any that is not public.

    Raises UnknownHostError or PrivateAddressError.
    """
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise UnknownHostError(host) from error
    if allow_private:
        return addresses
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise PrivateAddressError(host)
    return addresses
