"""Request guards that hold for every URL of the site."""

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest


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
