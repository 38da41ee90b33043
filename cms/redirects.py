"""Where a ``next=`` may send a person: only to a path on this site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, fallback: str = "/", *, value: str | None = None) -> str:
    """The ``next`` of the request (POST first, then GET) if it is a path on this site.

    A ``next`` must start with one "/" (so "abc", "//evil.example/", "https://evil.example/" and
    "javascript:..." are refused), hold no control characters or backslashes, and pass Django's
    own host and scheme check; anything else gives ``fallback``.
    """
    target = value if value is not None else request.POST.get("next") or request.GET.get("next")
    if is_safe_path(request, target):
        return target
    return fallback


def is_safe_path(request: HttpRequest, target: str | None) -> bool:
    if not target or not isinstance(target, str) or len(target) > 2000:
        return False
    if not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return False
    return url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
