"""One data-saver choice for the person: smaller podcast audio (the 32 kbps copy), lesson video
at 144p and smaller image renditions.

The person's own choice (account settings) wins. Until they choose ("auto"), the phone decides:
a ``Save-Data: on`` request header, or the ``data_saver`` cookie that ``cms/static/cms/outbox.js``
sets from ``navigator.connection`` (on for 2G/3G or when the phone saves data). The answer is
put on the request as ``request.data_saver`` by :class:`DataSaverMiddleware`, so apps that do not
import ``cms`` (video) can read it too.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.cache import patch_vary_headers

COOKIE = "data_saver"


def data_saver_on(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    choice = (
        getattr(user, "data_saver", "auto") if getattr(user, "is_authenticated", False) else "auto"
    )
    if choice in ("on", "off"):
        return choice == "on"
    cookie = request.COOKIES.get(COOKIE)
    if cookie in ("0", "1"):
        return cookie == "1"
    return request.headers.get("Save-Data", "").strip().lower() == "on"


class DataSaverMiddleware:
    """Sets ``request.data_saver`` (a bool); pages differ by the header and the cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        request.data_saver = data_saver_on(request)
        response = self.get_response(request)
        patch_vary_headers(response, ("Save-Data",))
        return response
