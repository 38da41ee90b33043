"""One HTTP request to a message gateway, through the outbound guard (``cms.net``).

Gateway URLs come from the settings, not from users, but they are still checked like every
outbound address: https on public addresses only (``OUTBOUND_ALLOW_PRIVATE`` lets tests and
local development use http on 127.0.0.1), and the connection goes to the address that was
checked, never to what the name resolves to a moment later.
"""

from __future__ import annotations

import http.client
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from cms.net import PrivateAddressError, private_networks_allowed, public_addresses

# A gateway answers with a short JSON document; more than this is not read.
MAX_REPLY_BYTES = 64 * 1024


class GatewayRefused(ValueError):
    """The gateway's address is not allowed (not https, or inside a private network)."""


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    text: str


def _connect(addresses: list[str]):
    def create_connection(address, timeout, source_address=None):
        _host, port = address
        error: OSError | None = None
        for ip in addresses:
            try:
                return socket.create_connection((ip, port), timeout, source_address)
            except OSError as failed:
                error = failed
        raise error or OSError("no address to connect to")

    return create_connection


def checked_addresses(url: str) -> list[str]:
    """The addresses to connect to for ``url``; GatewayRefused or UnknownHostError."""
    allow_private = private_networks_allowed()
    parts = urlsplit(url)
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        raise GatewayRefused(f"a gateway must use https: {parts.scheme}://{parts.hostname}")
    if not parts.hostname:
        raise GatewayRefused("no host in the gateway URL")
    try:
        return sorted(public_addresses(parts.hostname, allow_private=allow_private))
    except PrivateAddressError as error:
        raise GatewayRefused(str(error)) from error


def request(method: str, url: str, *, body: bytes, headers: dict, timeout: float) -> Reply:
    """Send one request to the checked address of ``url``'s host. Raises GatewayRefused,
    cms.net.UnknownHostError, OSError or http.client.HTTPException."""
    addresses = checked_addresses(url)
    parts = urlsplit(url)
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=timeout)
    connection._create_connection = _connect(addresses)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read(MAX_REPLY_BYTES).decode("utf-8", "replace")
        return Reply(response.status, response.headers, text)
    finally:
        connection.close()
