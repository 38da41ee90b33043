"""Coaching screens. Views parse input, call one service or selector, and render.

Participants: clinic list, clinic detail (book, waitlist, cancel, calendar file), my bookings.
Experts (and managers): their sessions with rosters, new sessions and repeating slots, moving
and cancelling, attendance, notes and follow-ups. Facilitators: their participants' clinics.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import User
from cms.validators import parse_id
from coaching import ics, selectors, services
from coaching.forms import (
    BookingCancelForm,
    ClinicFilterForm,
    FollowUpForm,
    NoteForm,
    ReasonForm,
    SessionEditForm,
    SessionForm,
    SlotsForm,
)
from coaching.models import (
    ACTIVE_STATUSES,
    Attendance,
    Booking,
    BookingStatus,
    ClinicSession,
    Expert,
    SessionStatus,
)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- participants -----------------------------------------------------------------------------


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    form = ClinicFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        filters = {
            "topic": form.cleaned_data["topic"],
            "day": form.cleaned_data["day"],
            "bookable_only": form.cleaned_data["bookable"],
        }
    items = selectors.clinic_list(participant=request.user, **filters)
    # Ten cards a page: a day's one-to-one slots are one card, so a page still holds many.
    page = Paginator(items, 10).get_page(request.GET.get("page"))
    return render(
        request,
        "coaching/session_list.html",
        {"form": form, "page_obj": page, "query": _query_without_page(request)},
    )


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(
        ClinicSession.objects.select_related("topic", "expert__user", "expert__photo"), pk=pk
    )
    user = request.user
    booking = selectors.active_booking(participant=user, session=session)
    last_cancelled = None
    if booking is None:
        last_cancelled = (
            Booking.objects.filter(participant=user, session=session, status="cancelled")
            .order_by("-cancelled_at")
            .first()
        )
    can_manage = selectors.user_can_manage_session(user=user, session=session)
    shows_link = can_manage or (booking is not None and booking.is_confirmed)
    problem = None
    if booking is None and user.is_participant:
        problem = selectors.eligibility_problem(participant=user, session=session)
    return render(
        request,
        "coaching/clinic_session.html",
        {
            "session": session,
            "booking": booking,
            "last_cancelled": last_cancelled,
            "position": selectors.waitlist_position(booking=booking) if booking else None,
            "shows_link": shows_link,
            "can_manage": can_manage,
            "problem": problem,
            "request_key": uuid.uuid4(),
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(ClinicSession, pk=pk)
    try:
        result = services.booking_create(
            participant=request.user, session=session, request_key=request.POST.get("key")
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        booking = result.booking
        if booking.is_confirmed:
            messages.success(request, _("Your seat is booked."))
        elif booking.is_waitlisted:
            messages.success(
                request,
                _("The clinic is full: you are number %(position)d on the waitlist.")
                % {"position": selectors.waitlist_position(booking=booking)},
            )
    return redirect("coaching:session", pk=session.pk)


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    bookings = list(selectors.bookings_of(participant=request.user))
    positions = selectors.waitlist_positions(bookings=bookings)
    upcoming = [
        b
        for b in bookings
        if b.status in ACTIVE_STATUSES and b.session.ends_at > now and not b.session.is_cancelled
    ]
    for b in upcoming:
        b.position = positions.get(b.pk)
    past = [b for b in bookings if b.is_confirmed and b.session.ends_at <= now]
    past.reverse()
    cancelled = [b for b in bookings if b.is_cancelled and b.session.ends_at > now]
    return render(
        request,
        "coaching/my_bookings.html",
        {"upcoming": upcoming, "past": past, "cancelled": cancelled},
    )


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(Booking.objects.select_related("session"), pk=pk)
    is_owner = booking.participant_id == request.user.pk
    if not (
        is_owner or selectors.user_can_manage_session(user=request.user, session=booking.session)
    ):
        raise Http404
    form = BookingCancelForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError([e for errors in form.errors.values() for e in errors])
        services.booking_cancel(
            by=request.user, booking=booking, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The booking is cancelled."))
    if is_owner:
        return redirect("coaching:session", pk=booking.session_id)
    return redirect("coaching:expert_session", pk=booking.session_id)


@login_required
def booking_calendar(request: HttpRequest, uid: uuid.UUID) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.select_related("session__topic", "session__expert__user", "participant"),
        uid=uid,
    )
    if booking.participant_id != request.user.pk:
        raise Http404
    if booking.is_waitlisted:
        raise Http404
    url = request.build_absolute_uri(reverse("coaching:session", args=[booking.session_id]))
    response = HttpResponse(
        ics.booking_calendar(booking, url=url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="klinik-{booking.session_id}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- experts ----------------------------------------------------------------------------------


def _require_expert_or_manager(request: HttpRequest) -> Expert | None:
    user = request.user
    expert = selectors.expert_of(user=user) if user.is_expert else None
    if expert is None and not user.is_manager:
        raise PermissionDenied
    return expert


def _managed_session(request: HttpRequest, pk: int) -> ClinicSession:
    session = get_object_or_404(
        ClinicSession.objects.select_related("topic", "expert__user"), pk=pk
    )
    if not selectors.user_can_manage_session(user=request.user, session=session):
        raise Http404
    return session


@login_required
def expert_home(request: HttpRequest) -> HttpResponse:
    expert = _require_expert_or_manager(request)
    now = timezone.now()
    sessions = selectors.sessions_of_expert(expert=expert)  # all sessions for a manager
    upcoming = list(sessions.filter(ends_at__gt=now, status=SessionStatus.SCHEDULED)[:60])
    past = list(
        sessions.filter(ends_at__lte=now, status=SessionStatus.SCHEDULED).order_by("-starts_at")[
            :30
        ]
    )
    rosters = selectors.rosters(sessions=upcoming)
    for session in upcoming:
        session.roster = rosters.get(session.pk, [])
    return render(
        request,
        "coaching/expert_home.html",
        {"expert": expert, "upcoming": upcoming, "past": past},
    )


def _session_form_kwargs(request: HttpRequest, expert: Expert | None) -> dict:
    if expert is not None:
        return {"expert": expert}
    return {"experts": Expert.objects.filter(is_active=True).select_related("user")}


@login_required
def expert_session_new(request: HttpRequest) -> HttpResponse:
    expert = _require_expert_or_manager(request)
    form = SessionForm(request.POST or None, **_session_form_kwargs(request, expert))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.span()
        try:
            session = services.session_create(
                by=request.user,
                expert=form.chosen_expert(),
                data=form.session_data(form.cleaned_data["capacity"]),
                starts_at=starts_at,
                ends_at=ends_at,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The session is scheduled."))
            return redirect("coaching:expert_session", pk=session.pk)
    return render(request, "coaching/session_form.html", {"form": form, "title": _("New session")})


@login_required
def expert_slots_new(request: HttpRequest) -> HttpResponse:
    expert = _require_expert_or_manager(request)
    form = SlotsForm(request.POST or None, **_session_form_kwargs(request, expert))
    if request.method == "POST" and form.is_valid():
        try:
            sessions = services.session_series_create(
                by=request.user,
                expert=form.chosen_expert(),
                data=form.session_data(form.cleaned_data["capacity"]),
                spans=form.spans(),
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(
                request, _("%(count)d slots are scheduled.") % {"count": len(sessions)}
            )
            return redirect("coaching:expert_home")
    return render(
        request, "coaching/session_form.html", {"form": form, "title": _("Repeating slots")}
    )


@login_required
def expert_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    if request.method == "POST":
        marks = {
            parse_id(key.removeprefix("attendance-")): value
            for key, value in request.POST.items()
            if key.startswith("attendance-")
        }
        if None in marks:
            messages.error(request, _("That booking was not found."))
            return redirect("coaching:expert_session", pk=session.pk)
        saved = 0
        for booking in session.bookings.filter(pk__in=marks, status=BookingStatus.CONFIRMED):
            try:
                services.attendance_mark(
                    by=request.user, booking=booking, attendance=marks[booking.pk]
                )
                saved += 1
            except ValidationError as error:
                messages.error(request, _error_text(error))
                break
        if saved:
            messages.success(request, _("Attendance saved."))
        return redirect("coaching:expert_session", pk=session.pk)
    roster = list(selectors.roster(session=session))
    positions = selectors.waitlist_positions(bookings=roster)
    for booking in roster:
        booking.position = positions.get(booking.pk)
    return render(
        request,
        "coaching/expert_session.html",
        {
            "session": session,
            "confirmed": [b for b in roster if b.is_confirmed],
            "waitlisted": [b for b in roster if b.is_waitlisted],
            "started": session.starts_at <= timezone.now(),
            "attendance_choices": [
                (Attendance.ATTENDED, _("Attended")),
                (Attendance.NO_SHOW, _("No-show")),
            ],
        },
    )


@login_required
def expert_session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    form = SessionEditForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_update(by=request.user, session=session, **form.changes())
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The session is changed; booked people are told."))
            return redirect("coaching:expert_session", pk=session.pk)
    return render(
        request,
        "coaching/session_form.html",
        {"form": form, "title": _("Move or edit the session"), "session": session},
    )


@login_required
def expert_session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = _managed_session(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(
                by=request.user, session=session, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("The session is cancelled; booked people are told."))
            return redirect("coaching:expert_home")
    return render(
        request,
        "coaching/session_form.html",
        {"form": form, "title": _("Cancel the session"), "session": session, "danger": True},
    )


@login_required
def expert_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.select_related("session__topic", "session__expert__user", "participant"),
        pk=pk,
    )
    session = booking.session
    if not selectors.user_can_manage_session(user=request.user, session=session):
        raise Http404
    note_form = NoteForm(prefix="note")
    follow_form = FollowUpForm(prefix="follow")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "note":
                note_form = NoteForm(request.POST, prefix="note")
                if note_form.is_valid():
                    services.note_add(
                        by=request.user, booking=booking, text=note_form.cleaned_data["text"]
                    )
                    messages.success(request, _("The note is saved."))
                    return redirect("coaching:expert_booking", pk=booking.pk)
            elif action == "follow_up":
                follow_form = FollowUpForm(request.POST, prefix="follow")
                if follow_form.is_valid():
                    services.follow_up_create(
                        by=request.user,
                        booking=booking,
                        title=follow_form.cleaned_data["title"],
                        instructions=follow_form.cleaned_data["instructions"],
                        due_at=follow_form.due_at(request.user.time_zone),
                    )
                    messages.success(
                        request, _("The follow-up task is now in the participant's assignments.")
                    )
                    return redirect("coaching:expert_booking", pk=booking.pk)
        except ValidationError as error:
            messages.error(request, _error_text(error))
    return render(
        request,
        "coaching/expert_booking.html",
        {
            "booking": booking,
            "session": session,
            "notes": booking.notes.select_related("author"),
            "follow_ups": booking.follow_ups.all(),
            "note_form": note_form,
            "follow_form": follow_form,
            "reason_form": ReasonForm(),
        },
    )


# --- facilitators -----------------------------------------------------------------------------


@login_required
def participant_clinics(request: HttpRequest, user_id: int) -> HttpResponse:
    """A participant's clinics with notes and follow-ups: for the person, their facilitators
    and managers."""
    participant = get_object_or_404(User, pk=user_id)
    # A facilitator sees the clinics booked since the person joined one of their cohorts.
    since = selectors.facilitator_sees_since(user=request.user, participant=participant)
    if since is None:
        raise Http404
    bookings = list(
        selectors.bookings_of(participant=participant).filter(
            status__in=ACTIVE_STATUSES, created_at__gte=since
        )
    )
    return render(
        request,
        "coaching/participant_clinics.html",
        {"participant": participant, "bookings": bookings, "now": timezone.now()},
    )
