"""Facilitator pages for cohorts: the list and dashboard, enrolment and import (invitations and
sending one again), a participant's page.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import throttle
from cms.models import StagePage, User

from .. import importing, selectors, services
from ..forms import (
    CohortMessageForm,
    EnrolForm,
    ImportForm,
    OpenStageForm,
)
from ..models import (
    CohortInvitation,
    Submission,
)
from ._common import (
    _cohort_for,
    _posted,
    _programme,
    staff_view,
)

IMPORT_SESSION_KEY = "learning_import_%s"


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
    # One reverse for every row's link (a reverse each is measurable with 200 participants).
    pattern = reverse("learning:participant", args=[cohort.pk, 0]).rsplit("0/", 1)[0]
    for row in dashboard.rows:
        row.url = f"{pattern}{row.participant.pk}/"
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
                    "invited_new": _(
                        "%(name)s is invited: they get a message with a link to choose their "
                        "password and join."
                    ),
                    "invited": _(
                        "%(name)s already has an account: they are invited and join when "
                        "they accept."
                    ),
                    "already_invited": _("%(name)s is invited, not yet joined."),
                    "already_enrolled": _("%(name)s was already enrolled."),
                }[outcome.result]
                level = (
                    messages.SUCCESS
                    if outcome.result in ("invited_new", "invited")
                    else messages.INFO
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
                "Import done: %(invited)s invited (%(created)s new accounts); each gets a "
                "message and joins when they accept. %(skipped)s already in the cohort or invited."
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
        },
    )


@require_POST
@staff_view
def invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Send an invitation's message again (a new link and code), from the cohort's page."""
    invitation = get_object_or_404(
        CohortInvitation.objects.select_related("cohort", "person"),
        pk=pk,
        cohort__in=selectors.cohorts_for_staff(user=request.user),
    )
    try:
        services.invitation_resend(invitation=invitation, by=request.user)
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The invitation was sent again to %(name)s.") % {"name": invitation.person}
        )
    return redirect("learning:cohort", pk=invitation.cohort_id)


@staff_view
def cohort_message(request: HttpRequest, pk: int) -> HttpResponse:
    """Write to everyone in the cohort."""
    cohort = _cohort_for(request, pk)
    form = CohortMessageForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            message = services.cohort_message_send(
                cohort=cohort,
                by=request.user,
                text=form.cleaned_data["text"],
                important=form.cleaned_data["important"],
            )
        except PermissionDenied as error:
            raise Http404 from error
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                _("The message was sent to %(count)s participants.")
                % {"count": message.recipients},
            )
            return redirect("learning:cohort", pk=cohort.pk)
    recent = cohort.messages.order_by("-created_at")[:5]
    return render(
        request,
        "learning/cohort_message.html",
        {"cohort": cohort, "form": form, "recent": recent, "per_day": services.MESSAGES_PER_DAY},
    )
