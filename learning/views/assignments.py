"""Assignments on both sides: participants see and answer theirs (and their files); facilitators
set and close them and review answers.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import LessonPage, User
from cms.redirects import safe_next

from .. import selectors, services
from ..forms import (
    AssignmentForm,
    ReviewForm,
    SubmissionForm,
)
from ..models import (
    Assignment,
    Enrolment,
    Submission,
    SubmissionFile,
)
from ._common import (
    _cohort_for,
    _is_fetch,
    _outbox_fields,
    _outbox_wrong_person,
    _posted,
    _programme,
    _refused,
    _replay,
    in_user_zone,
    participant_view,
    staff_view,
)


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
        fetched = _is_fetch(request)
        if fetched and (wrong := _outbox_wrong_person(request)):
            return wrong
        form = SubmissionForm(request.POST, request.FILES, assignment=assignment)
        try:
            client_id, acted_at = _outbox_fields(request)
        except ValidationError as error:
            return _refused(error) if fetched else redirect("learning:assignment", pk=pk)
        # Work sent again from the outbox is answered by the service (the version it made);
        # otherwise refuse early what the service would refuse anyway.
        if not can_submit and client_id is None:
            message = _("This assignment takes no answer right now.")
            if fetched:
                return _refused(ValidationError(message))
            messages.error(request, message)
            return redirect("learning:assignment", pk=pk)
        if form.is_valid():
            try:
                _submission, rejected = services.submission_create(
                    assignment=assignment,
                    participant=request.user,
                    text=form.cleaned_data.get("text", ""),
                    photos=form.cleaned_data.get("photos", []),
                    files=form.cleaned_data.get("files", []),
                    client_id=client_id,
                    acted_at=acted_at,
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied:
                raise Http404 from None
            else:
                sent = _("Sent! Your facilitator will review it.")
                if not _replay(request):
                    for problem in rejected:
                        messages.warning(request, problem.message)
                    messages.success(request, sent)
                if fetched:
                    return JsonResponse(
                        {
                            "sent": True,
                            "message": sent,
                            "warnings": [problem.message for problem in rejected],
                            "redirect": reverse("learning:assignment", args=[pk]),
                        }
                    )
                return redirect("learning:assignment", pk=pk)
        if fetched:
            return _refused(ValidationError([e for errors in form.errors.values() for e in errors]))
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
def submission_file(request: HttpRequest, pk: int, preview: bool = False) -> HttpResponse:
    """A file of a submission, only for its sender and those who may review it (``preview``:
    the small copy of a photo, or the photo itself when it has none)."""
    item = get_object_or_404(
        SubmissionFile.objects.select_related("submission__assignment", "submission__participant"),
        pk=pk,
    )
    if not selectors.can_see_submission(user=request.user, submission=item.submission):
        raise Http404
    stored = item.preview if preview and item.preview else item.file
    response = FileResponse(stored.open("rb"), content_type=item.content_type)
    disposition = "inline" if item.content_type.startswith("image/") else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="file-{item.pk}.{item.file.name.rsplit(".", 1)[-1]}"'
    )
    # A participant's work: never kept by a shared cache, nor on the device after it is shown.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
