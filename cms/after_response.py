"""Work that may wait until the response has gone out (``defer``), such as recording when a
person was last active: the page is not held up by a write its reader does not need.

Inside a request (``AfterResponseMiddleware`` is installed) the calls run once the server has
sent the response and closed it (Django's ``request_finished``); anywhere else (a shell, a
Celery task, the demo loader) they run at once. A call that fails is logged, never raised: the
person already has their page.
"""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable

from django.core.signals import request_finished

logger = logging.getLogger(__name__)
_pending: contextvars.ContextVar[list[Callable[[], None]] | None] = contextvars.ContextVar(
    "cms_after_response", default=None
)


def defer(fn: Callable[[], None]) -> None:
    pending = _pending.get()
    if pending is None:
        fn()
    else:
        pending.append(fn)


def _run_pending(**kwargs) -> None:
    pending = _pending.get()
    _pending.set(None)
    for fn in pending or ():
        try:
            fn()
        except Exception:
            logger.exception("deferred call after the response failed")


request_finished.connect(_run_pending, dispatch_uid="cms_after_response")


class AfterResponseMiddleware:
    """Collects ``defer`` calls of one request; they run when the response is closed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _pending.set([])
        return self.get_response(request)
