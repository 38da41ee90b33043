"""Project middleware: the Content-Security-Policy header, compression that spares ranges, the
refusal of NUL bytes in any URL, and whose page an HTML page is (for the service worker)."""

from urllib.parse import urlsplit

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.urls import reverse
from django.utils.crypto import salted_hmac


def _origin(url: str) -> str | None:
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two additions to ``CONTENT_SECURITY_POLICY``.

    - Media on another origin (an absolute ``MEDIA_URL``, S3's ``AWS_S3_CUSTOM_DOMAIN``) may be
      fetched by the video player (hls.js reads playlists and segments with XHR).
    - The Wagtail admin may run inline scripts and styles: Wagtail's own templates still write
      some (date pickers, inline panels). The site's own pages never do.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        extra: dict[str, list[str]] = {}
        origins = [_origin(settings.MEDIA_URL)]
        domain = getattr(settings, "AWS_S3_CUSTOM_DOMAIN", "")
        if domain:
            origins.append(f"https://{domain}")
        for origin in filter(None, origins):
            for directive in ("connect-src", "img-src", "media-src"):
                extra.setdefault(directive, []).append(origin)
        if request.path_info.startswith(reverse("wagtailadmin_home")):
            for directive in ("script-src", "style-src"):
                extra.setdefault(directive, []).append(UNSAFE_INLINE)
        if extra:
            update = {key: list(value) for key, value in (parts.update or {}).items()}
            for key, value in extra.items():
                update[key] = [*update.get(key, []), *value]
            parts.update = update
        return parts


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's GZip middleware, except for responses that answer byte ranges.

    Audio, video and media files are sent by :mod:`cms.ranges` with ``Accept-Ranges``; gzipping
    them would turn a 206 into an encoded body whose byte offsets no longer match the file
    (players seek with Range) and would cost CPU for no gain on already compressed formats.
    """

    def process_response(self, request, response):
        if response.has_header("Accept-Ranges") or response.has_header("Content-Range"):
            return response
        return super().process_response(request, response)


class RefuseNulMiddleware:
    """A NUL byte in the path is "not found" (404), in the query string a bad request (400).

    No page, slug or id of ours contains a NUL, and PostgreSQL refuses one in any text it is
    given, so a path such as ``/podcasts/%00/feed.xml`` would otherwise reach a query and end in
    a 500. Text posted in forms is refused by the form fields themselves (Django's CharField
    rejects NUL), so forms give a clear message instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if "\x00" in request.path or "\x00" in request.path_info:
            raise Http404
        if "%00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            raise BadRequest("NUL in the query string")
        return self.get_response(request)


class PagePersonMiddleware:
    """Says on each HTML page whose page it is (``X-Berdaya-User``: an opaque key of the
    signed-in person, empty for nobody), so the service worker drops the pages it kept for
    someone else before it keeps this one (cms/pwa/worker.js)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            user = getattr(request, "user", None)
            key = ""
            if user is not None and user.is_authenticated:
                key = salted_hmac("cms.pwa.person", str(user.pk)).hexdigest()[:20]
            response["X-Berdaya-User"] = key
        return response


class AdminTimeZoneMiddleware:
    """The Wagtail admin shows times in the zone of the person's account (WIB, WITA, WIT) when
    their admin settings name no zone; otherwise Wagtail would use the site's default zone.

    Wagtail reads the zone from the user's admin profile inside each admin view; the default
    is given there in memory (never saved), so a zone the person picks in the admin still wins.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith("/admin/")
            and getattr(user, "time_zone", "")
        ):
            _default_admin_zone(user)
        return self.get_response(request)


def _default_admin_zone(user) -> None:
    from django.core.exceptions import ObjectDoesNotExist
    from wagtail.users.models import UserProfile

    try:
        profile = user.wagtail_userprofile
    except ObjectDoesNotExist:
        profile = UserProfile(user=user)
        user.wagtail_userprofile = profile
    if not profile.current_time_zone:
        profile.current_time_zone = user.time_zone
