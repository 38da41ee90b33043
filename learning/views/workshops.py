"""Facilitator pages for workshop sessions and the attendance register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import StagePage, User
from cms.validators import parse_id

from .. import selectors, services
from ..forms import (
    SessionForm,
)
from ..models import (
    Attendance,
    AttendanceChange,
    WorkshopSession,
)
from ._common import (
    _cohort_for,
    _is_fetch,
    _outbox_fields,
    _outbox_wrong_person,
    _posted,
    _programme,
    _refused,
    staff_view,
)


@staff_view
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort_for(request, pk)
    programme = _programme(request)
    stages = (
        StagePage.objects.live().child_of(programme).order_by("order", "path")
        if programme
        else StagePage.objects.none()
    )
    form = SessionForm(_posted(request), stages=stages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        zone = request.user.zoneinfo
        session = services.session_create(
            cohort=cohort,
            created_by=request.user,
            title=data["title"],
            stage=data["stage"],
            starts_at=form.aware(data["date"], data["start"], zone),
            ends_at=form.aware(data["date"], data["end"], zone) if data["end"] else None,
            place=data["place"],
        )
        messages.success(request, _("The session is saved."))
        return redirect("learning:register", pk=session.pk)
    return render(request, "learning/session_form.html", {"cohort": cohort, "form": form})


def _session_for(request: HttpRequest, pk: int) -> WorkshopSession:
    return get_object_or_404(
        WorkshopSession.objects.select_related("cohort", "stage").filter(
            cohort__in=selectors.cohorts_for_staff(user=request.user)
        ),
        pk=pk,
    )


@staff_view
def register(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    participants = list(User.objects.filter(enrolments__cohort=session.cohort).order_by("name"))
    marks = {a.participant_id: a for a in session.attendances.all()}
    for participant in participants:
        participant.mark = marks.get(participant.pk)
    history = (
        AttendanceChange.objects.filter(attendance__session=session)
        .select_related("attendance__participant", "changed_by")
        .order_by("-changed_at", "-pk")[:200]
    )
    return render(
        request,
        "learning/register.html",
        {
            "session": session,
            "participants": participants,
            "present_count": sum(1 for m in marks.values() if m.present),
            "history": history,
        },
    )


@require_POST
@staff_view
def register_mark(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    fetched = _is_fetch(request)
    if fetched and (wrong := _outbox_wrong_person(request)):
        return wrong
    try:
        participant = User.objects.get(
            pk=parse_id(request.POST.get("participant")), enrolments__cohort=session.cohort
        )
    except User.DoesNotExist:
        if fetched:
            return JsonResponse({"error": _("This person is not in the cohort.")}, status=400)
        messages.error(request, _("This person is not in the cohort."))
        return redirect("learning:register", pk=session.pk)
    present = request.POST.get("present") == "1"
    try:
        client_id, acted_at = _outbox_fields(request)
        attendance = services.attendance_mark(
            session=session,
            participant=participant,
            present=present,
            marked_by=request.user,
            client_id=client_id,
            acted_at=acted_at,
        )
    except ValidationError as error:
        if fetched:
            return _refused(error)
        messages.error(request, " ".join(error.messages))
        return redirect("learning:register", pk=session.pk)
    if fetched:
        return JsonResponse(
            {
                "participant": participant.pk,
                "present": attendance.present,
                "present_count": Attendance.objects.filter(session=session, present=True).count(),
            }
        )
    return redirect(reverse("learning:register", args=[session.pk]) + f"#p{participant.pk}")


@require_POST
@staff_view
def register_everyone(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_for(request, pk)
    count = services.attendance_mark_everyone(session=session, marked_by=request.user)
    messages.success(request, _("%(count)s marked present.") % {"count": count})
    return redirect("learning:register", pk=session.pk)
