"""Participant pages: joining a cohort (by code or invitation), "mark as done" and reflections."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.models import LessonPage

from .. import selectors, services
from ..forms import (
    JoinForm,
    ReflectionForm,
)
from ..models import (
    CohortInvitation,
)
from ._common import (
    _is_fetch,
    _outbox_fields,
    _outbox_wrong_person,
    _posted,
    _refused,
    _replay,
    participant_view,
)


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
    fetched = _is_fetch(request)
    if fetched and (wrong := _outbox_wrong_person(request)):
        return wrong
    try:
        client_id, acted_at = _outbox_fields(request)
        _completion, created = services.lesson_mark_done(
            participant=request.user, lesson=lesson, client_id=client_id, acted_at=acted_at
        )
    except PermissionDenied:
        if fetched:
            return _refused(ValidationError(_("This stage is not open for you yet.")))
        messages.error(request, _("This stage is not open for you yet."))
        return redirect(lesson.url)
    except ValidationError as error:
        if fetched:
            return _refused(error)
        messages.error(request, " ".join(error.messages))
        return redirect(lesson.url)
    if created and not _replay(request):
        messages.success(request, _("Well done! The lesson is marked as done."))
    _prev, following = lesson.neighbours()
    go = following.url if following is not None and request.POST.get("go") == "next" else None
    if fetched:
        return JsonResponse({"done": True, "created": created, "redirect": go or lesson.url})
    return redirect(go or lesson.url)


@require_POST
@participant_view
def reflection_save(request: HttpRequest, page_id: int) -> HttpResponse:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=page_id)
    fetched = _is_fetch(request)
    if fetched and (wrong := _outbox_wrong_person(request)):
        return wrong
    form = ReflectionForm(request.POST)
    questions = [b.value["question"] for b in lesson.body if b.block_type == "reflection"]
    if not form.is_valid() or form.cleaned_data["position"] >= len(questions):
        if fetched:
            return _refused(ValidationError(_("Write your answer before saving.")))
        messages.error(request, _("Write your answer before saving."))
        return redirect(lesson.url)
    position = form.cleaned_data["position"]
    try:
        client_id, acted_at = _outbox_fields(request)
        services.reflection_save(
            participant=request.user,
            lesson=lesson,
            position=position,
            question=questions[position],
            answer=form.cleaned_data["answer"],
            client_id=client_id,
            acted_at=acted_at,
        )
    except PermissionDenied:
        if fetched:
            return _refused(ValidationError(_("This stage is not open for you yet.")))
        messages.error(request, _("This stage is not open for you yet."))
    except ValidationError as error:
        if fetched:
            return _refused(error)
        messages.error(request, " ".join(error.messages))
    else:
        saved = _("Your answer is saved. Only you and your facilitators see it.")
        if not _replay(request):
            messages.success(request, saved)
        if fetched:
            return JsonResponse(
                {"saved": True, "message": saved, "redirect": f"{lesson.url}#reflection-{position}"}
            )
    return redirect(f"{lesson.url}#reflection-{position}")
