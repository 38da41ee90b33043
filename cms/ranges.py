"""File responses that answer HTTP Range requests (206/416) and HEAD, read through storage.

Podcast apps and browsers seek in audio and video with Range requests; Django's FileResponse
and ``django.views.static.serve`` always send the whole file. Anything served from storage
(uploaded audio, media in the embedded default) goes through :func:`ranged_file_response`.
"""

import mimetypes
import posixpath
import re
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import Storage, default_storage
from django.http import Http404, HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

CHUNK_SIZE = 64 * 1024
_RANGE = re.compile(r"^bytes=\s*(\d*)\s*-\s*(\d*)\s*$")


def parse_range(header: str, size: int) -> tuple[int, int] | None | str:
    """The (first, last) byte of a single ``bytes=`` range, inclusive.

    Returns None when the header should be ignored (absent, not bytes, several ranges) and
    "unsatisfiable" when no byte of the file falls in it.
    """
    if not header:
        return None
    match = _RANGE.match(header.strip())
    if match is None:  # another unit, several ranges, or garbage: send the whole file
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # suffix: the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid: ignore the header
    if start >= size:
        return "unsatisfiable"
    end = int(last) if last else size - 1
    return start, min(end, size - 1)


def _iter_file(storage: Storage, name: str, start: int, length: int):
    with storage.open(name, "rb") as handle:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def ranged_file_response(
    request,
    name: str,
    *,
    storage: Storage | None = None,
    content_type: str | None = None,
    download_name: str | None = None,
    cache_control: str = "public, max-age=86400",
) -> HttpResponse:
    """Serve ``name`` from ``storage`` with Range, If-Range, conditional GET and HEAD."""
    storage = storage or default_storage
    try:
        if not name or not storage.exists(name):
            raise Http404("No such file")
        size = storage.size(name)
    except (SuspiciousFileOperation, ValueError, OSError) as error:
        raise Http404("No such file") from error
    try:
        modified = storage.get_modified_time(name)
        last_modified = http_date(modified.timestamp())
        mtime = int(modified.timestamp())
    except (NotImplementedError, OSError, AttributeError):
        last_modified, mtime = None, 0
    etag = f'"{size:x}-{mtime:x}"'
    content_type = content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"

    def headers(response):
        response["Accept-Ranges"] = "bytes"
        response["ETag"] = etag
        if last_modified:
            response["Last-Modified"] = last_modified
        response["Cache-Control"] = cache_control
        if download_name:
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(download_name)}"
        return response

    if_none_match = request.headers.get("If-None-Match")
    if if_none_match and (if_none_match.strip() == "*" or etag in if_none_match):
        return headers(HttpResponseNotModified())
    if not if_none_match and last_modified and mtime:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        if since is not None and mtime <= since:
            return headers(HttpResponseNotModified())

    wanted = parse_range(request.headers.get("Range", ""), size)
    if_range = request.headers.get("If-Range")
    if wanted is not None and if_range and if_range.strip() not in (etag, last_modified):
        wanted = None  # the file changed since the client's partial copy: send all of it

    if wanted == "unsatisfiable":
        response = headers(HttpResponse(status=416, content_type=content_type))
        response["Content-Range"] = f"bytes */{size}"
        return response
    if wanted is None:
        start, length, status = 0, size, 200
    else:
        start, end = wanted
        length, status = end - start + 1, 206

    if request.method == "HEAD":
        response = HttpResponse(status=status, content_type=content_type)
    else:
        response = StreamingHttpResponse(
            _iter_file(storage, name, start, length), status=status, content_type=content_type
        )
    headers(response)
    response["Content-Length"] = str(length)
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{start + length - 1}/{size}"
    return response


def public_media_name(path: str) -> str | None:
    """The storage name for a ``MEDIA_URL`` path when it is public media, else None.

    The path is normalised first, so ``images/../submissions/x`` is not public.
    """
    if not path or "\x00" in path or "\\" in path:
        return None
    name = posixpath.normpath(path)
    if name.startswith(("/", "..")) or name != path.rstrip("/"):
        return None
    if not name.startswith(tuple(settings.PUBLIC_MEDIA_PREFIXES)):
        return None
    return name


@require_safe
def serve_media(request, path: str):
    """Public media at ``MEDIA_URL`` (images and renditions, video ladders), with Range.

    Routed by cms.urls in every setup where media is on this site's disk, runserver and
    gunicorn alike. Anything outside ``PUBLIC_MEDIA_PREFIXES`` is 404: private files
    (submissions) have their own views that check permissions.
    """
    name = public_media_name(path)
    if name is None:
        raise Http404("No such file")
    max_age = settings.PUBLIC_MEDIA_MAX_AGE
    return ranged_file_response(request, name, cache_control=f"public, max-age={max_age}")
