"""What the learning views share: the decorators that say who may see a page, and small helpers for
requests, cohorts and the programme.
"""

from __future__ import annotations

import datetime
import functools
import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.validators import parse_acted_at, parse_client_id

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


# --- work sent from the phone's outbox (cms/static/cms/outbox.js) -------------------------------


def _outbox_fields(request: HttpRequest) -> tuple[uuid.UUID | None, datetime.datetime | None]:
    """The id the phone made for the action and the time the person acted, when the outbox
    sent them (an ordinary form post has neither). A value that is there but unreadable is
    refused, so nothing is applied twice or at a wrong time."""
    raw_id = request.POST.get("client_id", "")
    raw_at = request.POST.get("acted_at", "")
    client_id = parse_client_id(raw_id) if raw_id else None
    acted_at = parse_acted_at(raw_at) if raw_at else None
    if (raw_id and client_id is None) or (raw_at and acted_at is None):
        raise ValidationError(_("The phone sent something we cannot read; try again."))
    return client_id, acted_at


def _outbox_wrong_person(request: HttpRequest) -> JsonResponse | None:
    """Work queued by one person and sent while another is signed in is not applied: 409, so
    the phone keeps it for its author."""
    author = request.POST.get("outbox_user")
    if author is not None and author != str(request.user.pk):
        return JsonResponse(
            {"error": _("This was done by someone else on this phone."), "keep": True},
            status=409,
        )
    return None


def _refused(error: ValidationError) -> JsonResponse:
    return JsonResponse({"error": " ".join(error.messages)}, status=400)


def _replay(request: HttpRequest) -> bool:
    """Sent again from the outbox, perhaps on another page: no message on the next page."""
    return request.POST.get("outbox_replay") == "1"
