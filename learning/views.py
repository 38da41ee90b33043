"""Views of the learning app: they parse input, call one service or selector, and render.

Participant pages: joining a cohort, "mark as done", reflections, assignments and submitting.
Facilitator pages: cohorts and their dashboard, enrolment and import, workshop sessions and the
attendance register, assignments, the review queue, opening a stage early.
Every view checks who is asking; what is not theirs is a 404, never a peek.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from cms import throttle
from cms.models import LessonPage, StagePage, User
from cms.redirects import safe_next
from cms.validators import parse_id

from . import importing, selectors, services
from .forms import (
    AssignmentForm,
    EnrolForm,
    ImportForm,
    JoinForm,
    OpenStageForm,
    ReflectionForm,
    ReviewForm,
    SessionForm,
    SubmissionForm,
)
from .models import (
    Assignment,
    Attendance,
    AttendanceChange,
    Cohort,
    CohortInvitation,
    Enrolment,
    Submission,
    SubmissionFile,
    WorkshopSession,
)

IMPORT_SESSION_KEY = "learning_import_%s"


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


# --- participant: joining, lessons, reflections -----------------------------------------------


@participant_view
def join(request: HttpRequest) -> HttpResponse:
    form = JoinForm(_posted(request))
    is_joiner = request.user.is_participant and not request.user.is_staff_member
    if request.method == "POST" and form.is_valid() and not is_joiner:
        form.add_error(
            "code", _("Only participants join cohorts; facilitators are added by a manager.")
        )
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["code"]
        services.enrolment_create(cohort=cohort, participant=request.user)
        messages.success(request, _("You joined %(cohort)s.") % {"cohort": cohort.name})
        return redirect(f"/{request.LANGUAGE_CODE}/")
    cohorts = selectors.cohorts_of(participant=request.user)
    return render(
        request,
        "learning/join.html",
        {
            "form": form,
            "cohorts": cohorts,
            "invitations": selectors.invitations_open_for(person=request.user),
        },
    )


@participant_view
def invitation(request: HttpRequest, pk: int) -> HttpResponse:
    """An invitation to join a cohort: the person accepts or declines it (POST)."""
    item = get_object_or_404(
        CohortInvitation.objects.select_related("cohort", "invited_by"),
        pk=pk,
        person=request.user,
    )
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                services.invitation_accept(invitation=item, person=request.user)
                messages.success(
                    request, _("You joined %(cohort)s.") % {"cohort": item.cohort.name}
                )
                return redirect(f"/{request.LANGUAGE_CODE}/")
            if answer == "decline":
                services.invitation_decline(invitation=item, person=request.user)
                messages.info(request, _("You declined the invitation."))
                return redirect("learning:join")
            messages.error(request, _("Choose to join or to decline."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:invitation", pk=item.pk)
    return render(request, "learning/invitation.html", {"invitation": item})


@require_POST
@participant_view
def lesson_done(request: HttpRequest, page_id: int) -> HttpResponse:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    try:
        _completion, created = services.lesson_mark_done(participant=request.user, lesson=lesson)
    except PermissionDenied:
        messages.error(request, _("This stage is not open for you yet."))
        return redirect(lesson.url)
    if _is_fetch(request):
        return JsonResponse({"done": True, "created": created})
    if created:
        messages.success(request, _("Well done! The lesson is marked as done."))
    _prev, following = lesson.neighbours()
    if following is not None and request.POST.get("go") == "next":
        return redirect(following.url)
    return redirect(lesson.url)


@require_POST
@participant_view
def reflection_save(request: HttpRequest, page_id: int) -> HttpResponse:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    form = ReflectionForm(request.POST)
    questions = [b.value["question"] for b in lesson.body if b.block_type == "reflection"]
    if not form.is_valid() or form.cleaned_data["position"] >= len(questions):
        messages.error(request, _("Write your answer before saving."))
        return redirect(lesson.url)
    position = form.cleaned_data["position"]
    try:
        services.reflection_save(
            participant=request.user,
            lesson=lesson,
            position=position,
            question=questions[position],
            answer=form.cleaned_data["answer"],
        )
    except PermissionDenied:
        messages.error(request, _("This stage is not open for you yet."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer is saved. Only you and your facilitators see it."))
    return redirect(f"{lesson.url}#reflection-{position}")


# --- participant: assignments ---------------------------------------------------------------------


@participant_view
def assignment_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.assignment_rows(participant=request.user)
    labels = {
        "revision": _("Needs revision"),
        "overdue": _("Overdue"),
        "due_soon": _("Due soon"),
        "to_do": _("To do"),
        "submitted": _("Submitted"),
        "accepted": _("Accepted"),
        "closed": _("Closed without an answer"),
    }
    groups = [
        (key, labels[key], [row for row in rows if row.group == key]) for key in selectors.GROUPS
    ]
    return render(
        request,
        "learning/assignment_list.html",
        {"groups": [g for g in groups if g[2]], "has_any": bool(rows)},
    )


def _participant_assignment(request: HttpRequest, pk: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.select_related("lesson", "created_by"),
        pk=pk,
        recipient_rows__participant=request.user,
    )


@participant_view
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _participant_assignment(request, pk)
    history = selectors.submission_history(assignment=assignment, participant=request.user)
    latest = history[-1] if history else None
    can_submit = selectors.can_submit(assignment=assignment, latest=latest)
    form = SubmissionForm(assignment=assignment)
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, assignment=assignment)
        if not can_submit:
            messages.error(request, _("This assignment takes no answer right now."))
            return redirect("learning:assignment", pk=pk)
        if form.is_valid():
            try:
                _submission, rejected = services.submission_create(
                    assignment=assignment,
                    participant=request.user,
                    text=form.cleaned_data.get("text", ""),
                    photos=form.cleaned_data.get("photos", []),
                    files=form.cleaned_data.get("files", []),
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                raise Http404 from None
            else:
                for problem in rejected:
                    messages.warning(request, problem.message)
                messages.success(request, _("Sent! Your facilitator will review it."))
                return redirect("learning:assignment", pk=pk)
    return render(
        request,
        "learning/assignment_detail.html",
        {
            "assignment": assignment,
            "history": history,
            "latest": latest,
            "can_submit": can_submit,
            "form": form,
            "now": timezone.now(),
        },
    )


@login_required
def submission_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A file of a submission, only for its sender and those who may review it."""
    item = get_object_or_404(
        SubmissionFile.objects.select_related("submission__assignment", "submission__participant"),
        pk=pk,
    )
    if not selectors.can_see_submission(user=request.user, submission=item.submission):
        raise Http404
    response = FileResponse(item.file.open("rb"), content_type=item.content_type)
    disposition = "inline" if item.content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="file-{item.pk}.{item.file.name.rsplit(".", 1)[-1]}"'
    )
    # A participant's work: never kept by a shared cache, nor on the device after it is shown.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- facilitator: cohorts and the dashboard ---------------------------------------------------


@staff_view
def cohort_list(request: HttpRequest) -> HttpResponse:
    cohorts = selectors.cohorts_for_staff(user=request.user).annotate(
        participant_count=Count("enrolments", distinct=True),
        waiting=Count(
            "assignments__submissions",
            filter=Q(assignments__submissions__status=Submission.Status.SUBMITTED),
            distinct=True,
        ),
    )
    return render(request, "learning/cohort_list.html", {"cohorts": cohorts})


@staff_view
def cohort_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort_for(request, pk)
    dashboard = selectors.cohort_dashboard(cohort=cohort, programme=_programme(request))
    return render(
        request,
        "learning/cohort_dashboard.html",
        {
            "cohort": cohort,
            "dashboard": dashboard,
            "assignments": cohort.assignments.all(),
            "invitations": selectors.invitations_pending(cohort=cohort),
        },
    )


@staff_view
def cohort_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort_for(request, pk)
    form = EnrolForm(_posted(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        # An enrolment can send the person an invitation: limited per number and sender.
        if throttle.attempt(request, "message", mobile=form.cleaned_data["mobile"]):
            form.add_error(None, throttle.TOO_MANY_TRIES)
            status = throttle.STATUS
        else:
            try:
                outcome = services.participant_enrol_by_mobile(
                    cohort=cohort, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error("name" if error.code == "no_name" else "mobile", error)
            else:
                name = outcome.person.name
                text = {
                    "enrolled": _("%(name)s is enrolled."),
                    "invited": _(
                        "%(name)s already has an account: they are invited and join when "
                        "they accept."
                    ),
                    "already_invited": _("%(name)s is invited, not yet joined."),
                    "already_enrolled": _("%(name)s was already enrolled."),
                }[outcome.result]
                level = (
                    messages.SUCCESS if outcome.result in ("enrolled", "invited") else messages.INFO
                )
                messages.add_message(request, level, text % {"name": name})
                return redirect("learning:cohort_enrol", pk=cohort.pk)
    return render(
        request, "learning/cohort_enrol.html", {"cohort": cohort, "form": form}, status=status
    )


@staff_view
def cohort_import(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort_for(request, pk)
    key = IMPORT_SESSION_KEY % cohort.pk
    if request.method == "POST" and request.POST.get("confirm"):
        rows = request.session.pop(key, None)
        if not rows:
            messages.error(request, _("Nothing to import: please upload the file again."))
            return redirect("learning:cohort_import", pk=cohort.pk)
        try:
            counts = services.cohort_import(cohort=cohort, by=request.user, rows=rows)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("learning:cohort_import", pk=cohort.pk)
        messages.success(
            request,
            _(
                "Import done: %(enrolled)s enrolled (%(created)s new accounts),"
                " %(invited)s invited (they already have an account and join when they accept),"
                " %(skipped)s already in the cohort or invited."
            )
            % counts,
        )
        return redirect("learning:cohort", pk=cohort.pk)
    form = ImportForm(_posted(request), request.FILES if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid():
        preview = importing.import_preview(upload=form.cleaned_data["file"], cohort=cohort)
        if preview.is_valid:
            request.session[key] = [row.as_dict() for row in preview.rows]
        else:
            request.session.pop(key, None)
    return render(
        request,
        "learning/cohort_import.html",
        {"cohort": cohort, "form": form, "preview": preview},
    )


@staff_view
def participant_detail(request: HttpRequest, cohort_pk: int, pk: int) -> HttpResponse:
    cohort = _cohort_for(request, cohort_pk)
    participant = get_object_or_404(User, pk=pk, enrolments__cohort=cohort)
    programme = _programme(request)
    progress = (
        selectors.learner_progress(user=participant, programme=programme) if programme else None
    )
    stages = (
        StagePage.objects.live().child_of(programme).order_by("order", "path")
        if programme
        else StagePage.objects.none()
    )
    form = OpenStageForm(_posted(request), stages=stages)
    if request.method == "POST" and form.is_valid():
        try:
            services.stage_open_early(
                stage=form.cleaned_data["stage"],
                participant=participant,
                opened_by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request, _("The stage is open for %(name)s.") % {"name": participant.name}
            )
            return redirect("learning:participant", cohort_pk=cohort.pk, pk=participant.pk)
    # What the participant did in this cohort: reflections since they joined it, this
    # cohort's assignments (not their work elsewhere).
    reflections = selectors.reflections_visible(
        user=request.user, participant=participant, cohort=cohort
    )
    assignment_rows = [
        row
        for row in selectors.assignment_rows(participant=participant)
        if row.assignment.cohort_id == cohort.pk
    ]
    return render(
        request,
        "learning/participant_detail.html",
        {
            "cohort": cohort,
            "participant": participant,
            "progress": progress,
            "form": form,
            "reflections": reflections,
            "openings": participant.stage_openings.select_related("stage", "opened_by"),
            "assignment_rows": assignment_rows,
            "can_give_password": services.temporary_password_allowed(
                cohort=cohort, participant=participant
            ),
        },
    )


# --- facilitator: sessions and attendance ---------------------------------------------------------


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
        .order_by("-pk")[:200]
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
    try:
        participant = User.objects.get(
            pk=parse_id(request.POST.get("participant")), enrolments__cohort=session.cohort
        )
    except User.DoesNotExist:
        if _is_fetch(request):
            return JsonResponse({"error": _("This person is not in the cohort.")}, status=400)
        messages.error(request, _("This person is not in the cohort."))
        return redirect("learning:register", pk=session.pk)
    present = request.POST.get("present") == "1"
    attendance = services.attendance_mark(
        session=session, participant=participant, present=present, marked_by=request.user
    )
    if _is_fetch(request):
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


# --- facilitator: assignments and reviews -------------------------------------------------------


@staff_view
def assignment_create(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort_for(request, pk)
    participants = list(User.objects.filter(enrolments__cohort=cohort).order_by("name"))
    programme = _programme(request)
    lessons = (
        LessonPage.objects.live().descendant_of(programme).order_by("path")
        if programme
        else LessonPage.objects.none()
    )
    form = AssignmentForm(_posted(request), lessons=lessons, participants=participants)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = [p for p in participants if str(p.pk) in data["participants"]] or None
        try:
            assignment = services.assignment_create(
                created_by=request.user,
                title=data["title"],
                instructions=data["instructions"],
                due_at=form.aware(data["due_date"], data["due_time"], request.user.zoneinfo),
                cohort=cohort,
                participants=chosen,
                lesson=data["lesson"],
                allow_text=data["allow_text"],
                allow_photos=data["allow_photos"],
                allow_files=data["allow_files"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The assignment “%(title)s” is given.") % {"title": assignment.title}
            )
            return redirect("learning:cohort", pk=cohort.pk)
    return render(request, "learning/assignment_form.html", {"cohort": cohort, "form": form})


@require_POST
@staff_view
def assignment_close(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment, pk=pk)
    if not selectors.assignment_visible_to(user=request.user, assignment=assignment):
        raise Http404
    closed = request.POST.get("closed") == "1"
    services.assignment_set_closed(assignment=assignment, by=request.user, closed=closed)
    messages.success(
        request, _("The assignment is closed.") if closed else _("The assignment is open again.")
    )
    return redirect(safe_next(request, reverse("learning:review_queue")))


@login_required
@in_user_zone
def review_queue(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_facilitator or request.user.is_manager or request.user.is_expert):
        raise Http404
    queue = selectors.review_queue(user=request.user)[:200]
    return render(request, "learning/review_queue.html", {"queue": queue})


@login_required
@in_user_zone
def review(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(
        Submission.objects.select_related("assignment", "participant"), pk=pk
    )
    if not selectors.can_review(user=request.user, submission=submission):
        raise Http404
    history = selectors.submission_history(
        assignment=submission.assignment, participant=submission.participant
    )
    form = ReviewForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.submission_review(
                submission=submission,
                reviewer=request.user,
                decision=form.cleaned_data["decision"],
                feedback=form.cleaned_data["feedback"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your review is sent."))
            return redirect("learning:review_queue")
    return render(
        request,
        "learning/review.html",
        {
            "submission": submission,
            "history": history,
            "form": form,
            "can_decide": submission.status == Submission.Status.SUBMITTED,
            "enrolments": Enrolment.objects.filter(
                participant=submission.participant,
                cohort__in=selectors.cohorts_for_staff(user=request.user),
            ),
        },
    )


@require_POST
@staff_view
def participant_password_reset(request: HttpRequest, cohort_pk: int, pk: int) -> HttpResponse:
    cohort = _cohort_for(request, cohort_pk)
    participant = get_object_or_404(User, pk=pk, enrolments__cohort=cohort)
    try:
        password = services.participant_password_reset(
            cohort=cohort, participant=participant, by=request.user
        )
    except PermissionDenied as error:
        raise Http404 from error
    response = render(
        request,
        "learning/participant_password.html",
        {"cohort": cohort, "participant": participant, "password": password},
    )
    response["Cache-Control"] = "no-store"
    return response
