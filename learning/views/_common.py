"""What the learning views share: the decorators that say who may see a page, and small helpers for
requests, cohorts and the programme.
"""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.models import Locale

from .. import selectors
from ..models import (
    Cohort,
)


def in_user_zone(view):
    """Render times in the signed-in person's zone."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            with timezone.override(request.user.zoneinfo):
                return view(request, *args, **kwargs)
        return view(request, *args, **kwargs)

    return wrapper


def participant_view(view):
    return login_required(in_user_zone(view))


def staff_view(view):
    """Facilitators and managers only; everyone else gets a 404 (nothing to see here)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_facilitator or request.user.is_manager):
            raise Http404
        return view(request, *args, **kwargs)

    return login_required(in_user_zone(wrapper))


def _cohort_for(request: HttpRequest, pk: int) -> Cohort:
    return get_object_or_404(selectors.cohorts_for_staff(user=request.user), pk=pk)


def _posted(request: HttpRequest):
    """The POST data, or None on GET: an empty POST still binds (and validates) the form."""
    return request.POST if request.method == "POST" else None


def _is_fetch(request: HttpRequest) -> bool:
    return request.headers.get("x-requested-with") == "fetch"


def _programme(request: HttpRequest):
    """The programme in the current language (the first one; there is one programme)."""
    from cms.models import ProgrammePage

    programmes = ProgrammePage.objects.live().order_by("path")
    try:
        in_language = programmes.filter(locale=Locale.get_active()).first()
    except Locale.DoesNotExist:
        in_language = None
    return in_language or programmes.first()
