"""Fetching a feed over HTTP: http(s) only, the shared outbound address guard, a size cap,
conditional GET, and one wall-clock deadline over connecting, headers and body."""

import contextlib
import socket
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from cms.net import (
    PrivateAddressError,
    UnknownHostError,
    private_networks_allowed,
    public_addresses,
)

MAX_FEED_BYTES = 10 * 1024 * 1024
USER_AGENT = "BerdayaPodcastImporter/1.0 (+https://github.com/)"


class FeedError(Exception):
    """A feed could not be imported; the message is shown to staff as it is."""


@dataclass(frozen=True)
class FetchedFeed:
    status: int
    url: str
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def _is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _private_networks_allowed() -> bool:
    return private_networks_allowed("PODCASTS_FEED_ALLOW_PRIVATE")


def _refuse_private_hosts(request: httpx.Request) -> None:
    """Every request, redirects included, goes through the shared outbound guard."""
    host = request.url.host
    try:
        public_addresses(host, allow_private=_private_networks_allowed())
    except UnknownHostError as error:
        raise FeedError(
            _("The feed could not be fetched: %(error)s") % {"error": f"unknown host {host}"}
        ) from error
    except PrivateAddressError as error:
        raise FeedError(
            _("The feed address points into a private network (%(host)s); it was not fetched.")
            % {"host": host}
        ) from error


class _Deadline:
    """One wall-clock limit over a whole fetch: connecting, sending, headers and body.

    httpx's timeouts apply to each read, so a server that drips its headers one byte at a time,
    each just inside the read timeout, could hold a worker for as long as it liked. A timer
    shuts the connection's socket down when the time is up, which ends whatever read is
    waiting; the error then says which part of the answer was too slow.

    The sockets are learned through httpcore's public ``trace`` request extension.
    """

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.phase = "connect"
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> "_Deadline":
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict) -> None:
        if event.endswith((".connect_tcp.complete", ".start_tls.complete")):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                with self._lock:
                    self._sockets.append(sock)
                    if self.expired:
                        self._shut(sock)
        elif event.endswith(".connect_tcp.started"):
            self.phase = "connect"
        elif event.endswith(".send_request_headers.started"):
            self.phase = "headers"
        elif event.endswith(".receive_response_body.started"):
            self.phase = "body"

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        # The plain socket's shutdown, also under TLS: it wakes a blocked read at once. An
        # OSError means the socket is already closed: that fetch is over.
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)

    def error(self) -> "FeedError":
        seconds = {"s": round(self.seconds)}
        if self.phase == "body":
            return FeedError(
                _("The feed server took longer than %(s)d seconds to send the feed.") % seconds
            )
        if self.phase == "headers":
            return FeedError(
                _(
                    "The feed server answered too slowly: its response headers were not complete "
                    "after %(s)d seconds, so the import was stopped."
                )
                % seconds
            )
        return FeedError(_("The feed server did not answer within %(s)d seconds.") % seconds)


def feed_fetch(*, url: str, etag: str = "", last_modified: str = "") -> FetchedFeed:
    """GET a feed: http(s) only, redirects followed, at most 10 MB, conditional on the validators.

    Each read waits at most ``PODCASTS_FEED_TIMEOUT`` seconds and the whole fetch (connecting,
    headers and body) at most three times that. Raises FeedError with a message for staff on
    any failure.
    """
    if not _is_web_url(url):
        raise FeedError(_("Only http:// and https:// feed addresses can be imported."))
    timeout = float(getattr(settings, "PODCASTS_FEED_TIMEOUT", 10))
    deadline = _Deadline(timeout * 3)
    try:
        with deadline:
            return _fetch(url, etag, last_modified, timeout=timeout, deadline=deadline)
    except FeedError:
        raise
    except Exception as error:
        if deadline.expired:
            raise deadline.error() from error
        if isinstance(error, httpx.TimeoutException):
            raise FeedError(
                _("The feed server did not answer within %(s)d seconds.") % {"s": int(timeout)}
            ) from error
        if isinstance(error, httpx.TooManyRedirects):
            raise FeedError(_("The feed address redirects too many times.")) from error
        if isinstance(error, httpx.UnsupportedProtocol):
            raise FeedError(
                _("The feed redirected to an address that is not http or https.")
            ) from error
        if isinstance(error, httpx.HTTPError):
            raise FeedError(
                _("The feed could not be fetched: %(error)s") % {"error": error}
            ) from error
        raise


def _fetch(
    url: str, etag: str, last_modified: str, *, timeout: float, deadline: _Deadline
) -> FetchedFeed:
    max_bytes = int(getattr(settings, "PODCASTS_FEED_MAX_BYTES", MAX_FEED_BYTES))
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    too_large = _("The feed is larger than %(mb)d MB; it was not imported.") % {
        "mb": max_bytes // (1024 * 1024)
    }
    with (
        httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=5,
            event_hooks={"request": [_refuse_private_hosts]},
        ) as client,
        client.stream(
            "GET", url, headers=headers, extensions={"trace": deadline.trace}
        ) as response,
    ):
        final_url = str(response.url)
        if response.status_code == 304:
            return FetchedFeed(304, final_url, etag=etag, last_modified=last_modified)
        if not 200 <= response.status_code < 300:
            raise FeedError(
                _("The feed server answered %(status)d %(reason)s.")
                % {"status": response.status_code, "reason": response.reason_phrase}
            )
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FeedError(too_large)
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > max_bytes:
                raise FeedError(too_large)
            if deadline.expired:
                raise deadline.error()
            chunks.append(chunk)
        if deadline.expired:
            raise deadline.error()
        return FetchedFeed(
            response.status_code,
            final_url,
            b"".join(chunks),
            etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""),
        )
