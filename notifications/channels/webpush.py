"""The web push channel: pywebpush with VAPID per origin, TTL / Urgency / Topic, small payloads.

Push endpoints are addresses a browser sent us, so they go through the shared outbound guard
(``cms.net``): only https on public addresses, checked when a subscription is stored and again
before each batch sends, and the connection goes to the address that was checked. The reply's
body is read and dropped: only its status is recorded.

``Sender`` sends one batch: it keeps one HTTP session (kept-alive connections per push service)
and the signed VAPID header per endpoint origin while it is fresh; both live only as long as the
batch that uses them.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import http.client
import ipaddress
import json
import socket
import threading
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from py_vapid import Vapid02
from pywebpush import WebPusher

from cms.net import (
    PrivateAddressError,
    UnknownHostError,
    private_networks_allowed,
    public_addresses,
)
from notifications import conf, kinds
from notifications.channels.base import Address, Batch, Channel, Result
from notifications.models import PushSubscription

MAX_PAYLOAD_BYTES = 3000
# VAPID tokens may live at most 24 hours; ours live 12 and are re-signed after 1.
VAPID_EXP_SECONDS = 12 * 3600
VAPID_REUSE_SECONDS = 3600
# A push service answers with a status; more body than this is not read (nor kept).
MAX_REPLY_BYTES = 64 * 1024


class EndpointRefused(ValueError):
    """A push endpoint we will not send to; ``message`` says why, for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def endpoint_addresses(endpoint: str) -> list[str]:
    """Check a push endpoint and return the addresses to connect to (IPv4 first).

    Only https on public addresses; ``OUTBOUND_ALLOW_PRIVATE`` (tests and local development,
    whose push service listens on 127.0.0.1) also allows http and private addresses. Raises
    EndpointRefused, or UnknownHostError when the name does not resolve (now).
    """
    allow_private = private_networks_allowed()
    parts = urlsplit(endpoint)
    if parts.scheme != "https" and not (allow_private and parts.scheme == "http"):
        raise EndpointRefused(_("A push endpoint must use https."))
    try:
        host, _port = parts.hostname, parts.port
    except ValueError as error:
        raise EndpointRefused(_("This is not a valid push endpoint.")) from error
    if not host:
        raise EndpointRefused(_("This is not a valid push endpoint."))
    try:
        addresses = public_addresses(host, allow_private=allow_private)
    except PrivateAddressError as error:
        raise EndpointRefused(
            _("This push endpoint points into a private network; it is not accepted.")
        ) from error
    return sorted(addresses, key=lambda a: (ipaddress.ip_address(a.split("%")[0]).version, a))


def generate_vapid_keys() -> tuple[str, str]:
    """A new VAPID key pair as (private, public), both base64url without padding.

    The private key is the raw 32-byte scalar (what ``Vapid.from_string`` reads); the public key
    is the uncompressed point the browser's ``applicationServerKey`` wants.
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64(private), _b64(public)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def origin_of(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


def topic_for(notification) -> str:
    """The Topic (≤ 32 URL-safe characters), one per notification: a retried push replaces a
    copy the push service still holds, so a device never gets the same notification twice."""
    return _b64(hashlib.sha256(f"n:{notification.pk}".encode()).digest())[:32]


def tag_for(notification) -> str:
    """The service worker's notification tag: per kind and object when there is one, so a
    repeated message about the same thing (a moved clinic) replaces the old one on screen."""
    if notification.object_id:
        key = f"{notification.kind}:{notification.content_type_id}:{notification.object_id}"
    else:
        key = f"n:{notification.pk}"
    return _b64(hashlib.sha256(key.encode()).digest())[:16]


def payload_for(notification) -> bytes:
    """The JSON the service worker shows; the text is shortened until it fits the budget."""
    data = {
        "title": notification.title,
        "body": notification.body,
        "url": notification.url or "/",
        "tag": tag_for(notification),
        "id": notification.pk,
    }
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    while len(encoded) > MAX_PAYLOAD_BYTES and data["body"]:
        data["body"] = data["body"][: max(len(data["body"]) - 200, 0)]
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return encoded


def ttl_for(notification, *, now: datetime.datetime) -> int:
    """Seconds the push service should keep the message: the kind's TTL, never past expiry."""
    ttl = kinds.get(notification.kind).ttl
    if notification.expires_at:
        ttl = min(ttl, int((notification.expires_at - now).total_seconds()))
    return max(ttl, 0)


class Sender(Batch):
    """Sends the pushes of one batch; reuses connections and per-origin VAPID headers."""

    def __init__(self, *, private_key: str | None = None, contact: str | None = None):
        private_key = private_key or conf.get("WEBPUSH_VAPID_PRIVATE_KEY")
        if not private_key:
            raise RuntimeError(
                "WEBPUSH_VAPID_PRIVATE_KEY is not set: run `manage.py vapid_keys` and put the "
                "keys in the environment"
            )
        self.vapid = Vapid02.from_string(private_key)
        self.contact = contact or conf.get("WEBPUSH_CONTACT")
        # Each origin is checked once per batch; its verdict (addresses or the error) is kept.
        self._checked: dict[str, list[str] | Exception] = {}
        self.session = _HTTP(self._addresses)
        self._lock = threading.Lock()
        self.timeout = conf.get("WEBPUSH_HTTP_TIMEOUT")
        self._vapid_headers: dict[str, tuple[float, dict]] = {}
        # Seconds spent per step, for the benchmark's breakdown.
        self.timings = {"signing": 0.0, "encryption": 0.0, "http": 0.0}

    def _addresses(self, endpoint: str) -> list[str]:
        """The checked addresses of the endpoint's host; raises what the check raised."""
        origin = origin_of(endpoint)
        verdict = self._checked.get(origin)
        if verdict is None:
            try:
                verdict = endpoint_addresses(endpoint)
            except (EndpointRefused, UnknownHostError) as error:
                verdict = error
            self._checked[origin] = verdict
        if isinstance(verdict, Exception):
            raise verdict
        return verdict

    def vapid_headers(self, endpoint: str) -> dict:
        """The Authorization header for the endpoint's origin (``aud``), signed per origin."""
        origin = origin_of(endpoint)
        cached = self._vapid_headers.get(origin)
        now = time.time()
        if cached and now - cached[0] < VAPID_REUSE_SECONDS:
            return cached[1]
        started = time.perf_counter()
        claims = {"aud": origin, "exp": int(now) + VAPID_EXP_SECONDS, "sub": self.contact}
        headers = self.vapid.sign(claims)
        with self._lock:
            self.timings["signing"] += time.perf_counter() - started
            self._vapid_headers[origin] = (now, headers)
        return headers

    def send(self, delivery, *, now: datetime.datetime) -> Result:
        return self.push(delivery.subscription, delivery.notification, now=now)

    def push(self, subscription, notification, *, now: datetime.datetime) -> Result:
        """One push (thread-safe: a batch sends a few at once over the shared pool)."""
        try:
            self._addresses(subscription.endpoint)
        except EndpointRefused as error:
            return Result(None, f"refused, not sent: {error}"[:500], refused=True)
        except UnknownHostError as error:
            return Result(None, f"network: {error}"[:500])
        spec = kinds.get(notification.kind)
        headers = {
            **self.vapid_headers(subscription.endpoint),
            "Urgency": spec.urgency,
            "Topic": topic_for(notification),
        }
        local = self.session.local
        local.sent_at = local.answered_at = None
        started = time.perf_counter()
        try:
            response = WebPusher(
                subscription.as_subscription_info(), requests_session=self.session
            ).send(
                payload_for(notification),
                headers,
                ttl=ttl_for(notification, now=now),
                content_encoding="aes128gcm",
                timeout=self.timeout,
            )
        except (OSError, http.client.HTTPException) as error:
            return Result(None, f"network: {type(error).__name__}: {error}"[:500])
        except Exception as error:  # a broken key in the subscription: not worth retrying
            return Result(400, f"could not encrypt for this subscription: {error}"[:500])
        finally:
            if local.sent_at is not None:
                with self._lock:
                    self.timings["encryption"] += local.sent_at - started
                    self.timings["http"] += (local.answered_at or local.sent_at) - local.sent_at
        # Only the status: what the remote says in its body is not ours to keep.
        return Result(
            response.status_code,
            f"HTTP {response.status_code}",
            response.headers.get("Retry-After"),
        )

    def close(self) -> None:
        self.session.close()


class WebPushChannel(Channel):
    """Web push to the browsers a person turned reminders on in (``PushSubscription``)."""

    name = "webpush"
    sending_fields = ("subscription__endpoint", "subscription__p256dh", "subscription__auth")

    def configured(self) -> bool:
        return bool(conf.get("WEBPUSH_VAPID_PRIVATE_KEY"))

    def addresses(self, user_ids: Iterable[int]) -> dict[int, list[Address]]:
        found: dict[int, list[Address]] = {}
        rows = PushSubscription.objects.filter(user_id__in=set(user_ids)).order_by("pk")
        for user_id, pk, endpoint in rows.values_list("user_id", "pk", "endpoint"):
            found.setdefault(user_id, []).append(Address(endpoint, pk))
        return found

    def unreachable(self, delivery) -> str | None:
        return "subscription removed" if delivery.subscription_id is None else None

    def open_batch(self) -> Sender:
        return Sender()

    def on_gone(self, deliveries) -> None:
        PushSubscription.objects.filter(pk__in={d.subscription_id for d in deliveries}).delete()

    def on_delivered(self, deliveries) -> None:
        PushSubscription.objects.filter(pk__in={d.subscription_id for d in deliveries}).update(
            last_success_at=timezone.now()
        )


class _Response:
    def __init__(self, status: int, headers):
        self.status_code = status
        self.text = ""  # pywebpush logs it when verbose; the body is never kept
        self.headers = headers


def _connect(addresses: list[str]):
    """``socket.create_connection`` to the first checked address that answers, never to
    whatever the host name resolves to by the time the connection is made."""

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


class _HTTP:
    """What pywebpush needs of a requests session (``post``), on kept-alive stdlib connections.

    One connection per push service origin and thread, reused across a batch; each request goes
    out in one write. It skips the per-request work of requests and urllib3 (environment
    proxies, cookies, hooks, pools), which costs more than the encryption does. Connections go
    to the addresses ``resolve(url)`` checked (TLS still verifies the host name).
    """

    def __init__(self, resolve):
        self.resolve = resolve
        self.local = threading.local()
        self._all: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def _connection(self, url, parts, timeout) -> tuple[http.client.HTTPConnection, bool]:
        connections = getattr(self.local, "connections", None)
        if connections is None:
            connections = self.local.connections = {}
        key = (parts.scheme, parts.netloc)
        connection = connections.get(key)
        if connection is not None:
            return connection, True
        kind = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        connection = kind(parts.hostname, parts.port, timeout=timeout)
        # http.client opens its socket through this attribute: connect to the checked addresses.
        connection._create_connection = _connect(self.resolve(url))
        connections[key] = connection
        with self._lock:
            self._all.append(connection)
        return connection, False

    def _forget(self, parts) -> None:
        connection = self.local.connections.pop((parts.scheme, parts.netloc), None)
        if connection is not None:
            connection.close()

    def post(self, url, data=None, headers=None, timeout=None):
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self.local.sent_at = time.perf_counter()
        try:
            while True:
                connection, reused = self._connection(url, parts, timeout)
                try:
                    connection.request("POST", path, body=data, headers=dict(headers or {}))
                    response = connection.getresponse()
                    response.read(MAX_REPLY_BYTES)
                except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                    self._forget(parts)
                    if reused:
                        continue  # the service closed an idle kept-alive connection: once more
                    raise
                except (OSError, http.client.HTTPException):
                    self._forget(parts)
                    raise
                if response.will_close or not response.isclosed():
                    self._forget(parts)  # closing, or a reply longer than we read
                return _Response(response.status, response.headers)
        finally:
            self.local.answered_at = time.perf_counter()

    def close(self) -> None:
        with self._lock:
            for connection in self._all:
                connection.close()
            self._all.clear()
