"""Answering an invitation without a password: the message's link or its code, then the person's
own password, and they are in the cohort.

The link and the code page only put a claim (the invitation and its token's hash) in the
session and redirect to one page without the token in its address (so it is in no history,
referrer or log). That page checks the claim again and asks for the password.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms import throttle
from cms.profile import profile_needs_asking, profile_url

from .. import services
from ..forms import InvitationCodeForm
from ..models import CohortInvitation

CLAIM_KEY = "learning_invitation_claim"


def _closed(request: HttpRequest, message: str = "", status: int = 410) -> HttpResponse:
    request.session.pop(CLAIM_KEY, None)
    message = message or _(
        "This link or code was used already or has expired. Ask your facilitator to send the "
        "invitation again."
    )
    return render(request, "learning/invited_closed.html", {"message": message}, status=status)


def _for_someone_else(request: HttpRequest) -> HttpResponse:
    return _closed(
        request,
        _(
            "This invitation is for another account. Sign out first, then open the link "
            "again on the invited person's phone."
        ),
        status=403,
    )


def _claim(request: HttpRequest, invitation: CohortInvitation) -> HttpResponse:
    if request.user.is_authenticated and request.user.pk != invitation.person_id:
        return _for_someone_else(request)
    request.session[CLAIM_KEY] = {"pk": invitation.pk, "token": invitation.token_hash}
    return redirect("learning:invited_accept")


@never_cache
def invited_link(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_by_token(token=token)
    if invitation is None:
        return _closed(request)
    return _claim(request, invitation)


@never_cache
def invited_code(request: HttpRequest) -> HttpResponse:
    """The page reachable from sign-in: the number and the code of an invitation message."""
    form = InvitationCodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        mobile = form.cleaned_data["mobile"]
        if throttle.attempt(request, "invitecode", mobile=mobile):
            form.add_error(None, throttle.TOO_MANY_TRIES)
            status = throttle.STATUS
        else:
            try:
                invitation = services.invitation_claim_by_code(
                    mobile=mobile, code=form.cleaned_data["code"]
                )
            except ValidationError as error:
                form.add_error("code", error)
            else:
                return _claim(request, invitation)
    return render(request, "learning/invited_code.html", {"form": form}, status=status)


@never_cache
def invited_accept(request: HttpRequest) -> HttpResponse:
    claim = request.session.get(CLAIM_KEY) or {}
    invitation = (
        CohortInvitation.objects.select_related("cohort", "person", "invited_by")
        .filter(pk=claim.get("pk") if isinstance(claim.get("pk"), int) else None)
        .first()
    )
    if (
        invitation is None
        or invitation.token_hash != claim.get("token")
        or invitation.token_used_at is not None
        or not invitation.is_open
    ):
        return _closed(request)
    person = invitation.person
    if request.user.is_authenticated and request.user.pk != person.pk:
        return _for_someone_else(request)
    if person.has_usable_password():
        # They chose a password meanwhile: they sign in and answer as themselves.
        request.session.pop(CLAIM_KEY, None)
        target = reverse("learning:invitation", args=[invitation.pk])
        if request.user.is_authenticated:
            return redirect(target)
        return redirect(f"{reverse('accounts:login')}?{urlencode({'next': target})}")
    form = SetPasswordForm(person, request.POST if request.method == "POST" else None)
    # Django's list of every validator's rule is long on a phone: the one line sign-up uses.
    form.fields["new_password1"].help_text = _(
        "At least 8 characters, not only numbers, not a common password."
    )
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer == "decline":
                services.invitation_decline_with_link(
                    invitation=invitation, token_hash=claim["token"]
                )
                request.session.pop(CLAIM_KEY, None)
                messages.info(request, _("You declined the invitation."))
                return redirect(f"/{request.LANGUAGE_CODE}/")
            if form.is_valid():
                services.invitation_accept_with_link(
                    invitation=invitation,
                    token_hash=claim["token"],
                    password=form.cleaned_data["new_password1"],
                )
                request.session.pop(CLAIM_KEY, None)
                person.refresh_from_db()
                login(request, person, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Welcome, %(name)s! You joined %(cohort)s.")
                    % {"name": person.name, "cohort": invitation.cohort.name},
                )
                language = person.preferred_language or request.LANGUAGE_CODE
                home = f"/{language}/"
                if profile_needs_asking(user=person):
                    # Like signing in: someone enrolled without sex, age or district is asked once.
                    return redirect(translate_url(profile_url(home), language))
                return redirect(home)
        except (ValidationError, PermissionDenied):
            return _closed(request)
    return render(
        request,
        "learning/invited_accept.html",
        {"invitation": invitation, "form": form},
    )
