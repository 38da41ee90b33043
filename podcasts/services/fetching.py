"""Fetching a feed over HTTP: http(s) only, the shared outbound address guard, a size cap,
conditional GET, and one wall-clock deadline over connecting, headers and body."""

import time
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


def feed_fetch(*, url: str, etag: str = "", last_modified: str = "") -> FetchedFeed:
    """GET a feed: http(s) only, redirects followed, at most 10 MB, conditional on the validators.

    Raises FeedError with a message for staff on any failure.
    """
    if not _is_web_url(url):
        raise FeedError(_("Only http:// and https:// feed addresses can be imported."))
    timeout = float(getattr(settings, "PODCASTS_FEED_TIMEOUT", 10))
    max_bytes = int(getattr(settings, "PODCASTS_FEED_MAX_BYTES", MAX_FEED_BYTES))
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    # httpx's timeout is per read; a server that drips bytes is stopped by this deadline.
    deadline = time.monotonic() + timeout * 3
    too_large = _("The feed is larger than %(mb)d MB; it was not imported.") % {
        "mb": max_bytes // (1024 * 1024)
    }
    try:
        with (
            httpx.Client(
                timeout=httpx.Timeout(timeout),
                follow_redirects=True,
                max_redirects=5,
                event_hooks={"request": [_refuse_private_hosts]},
            ) as client,
            client.stream("GET", url, headers=headers) as response,
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
                if time.monotonic() > deadline:
                    raise FeedError(
                        _("The feed server took longer than %(s)d seconds to send the feed.")
                        % {"s": int(timeout * 3)}
                    )
                chunks.append(chunk)
            return FetchedFeed(
                response.status_code,
                final_url,
                b"".join(chunks),
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except httpx.TimeoutException as error:
        raise FeedError(
            _("The feed server did not answer within %(s)d seconds.") % {"s": int(timeout)}
        ) from error
    except httpx.TooManyRedirects as error:
        raise FeedError(_("The feed address redirects too many times.")) from error
    except httpx.UnsupportedProtocol as error:
        raise FeedError(
            _("The feed redirected to an address that is not http or https.")
        ) from error
    except httpx.HTTPError as error:
        raise FeedError(_("The feed could not be fetched: %(error)s") % {"error": error}) from error
