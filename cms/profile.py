"""Details a facilitator did not give (sex, age band, district), asked once after signing in.

Someone a facilitator enrolled or imported may have no sex, age band or district, and the
reports would count them as "not given". At their first sign-in they see these questions once,
each optional: what they give is kept; skipping is fine and they are not asked again.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from cms.models import AgeBand, Sex, User
from cms.models.districts import DistrictChoiceField, district_time_zone
from cms.redirects import safe_next

PROFILE_FIELDS = ("sex", "age_band", "district")


def profile_needs_asking(*, user: User) -> bool:
    """Whether to ask ``user`` for missing details now: a participant, never asked before,
    with one of sex, age band or district not given."""
    if not user.is_authenticated or user.profile_asked_at is not None:
        return False
    if not user.is_participant:
        return False
    return any(not getattr(user, name) for name in PROFILE_FIELDS)


def profile_details_save(*, user: User, details: dict) -> User:
    """Keep the details given (blank ones change nothing) and note that the person was asked."""
    changed = ["profile_asked_at"]
    for name in PROFILE_FIELDS:
        value = details.get(name) or ""
        if value and value != getattr(user, name):
            setattr(user, name, value)
            changed.append(name)
    if "district" in changed:
        user.time_zone = district_time_zone(user.district, user.time_zone)
        changed.append("time_zone")
    user.profile_asked_at = timezone.now()
    user.save(update_fields=changed)
    return user


def profile_url(next_url: str = "") -> str:
    """The questions' page, coming back to ``next_url`` afterwards."""
    url = reverse("accounts:profile_details")
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class ProfileDetailsForm(forms.Form):
    """Sex, age band and district: shown, each optional."""

    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, required=False, widget=forms.RadioSelect
    )
    age_band = forms.ChoiceField(
        label=_("Age"), choices=[("", _("Choose…")), *AgeBand.choices], required=False
    )
    district = DistrictChoiceField(
        label=_("District (kabupaten)"), required=False, blank_label=_("Choose…")
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what is missing: what the facilitator gave is not asked again.
        for name in PROFILE_FIELDS:
            if getattr(user, name):
                del self.fields[name]


@login_required
def profile_details(request: HttpRequest) -> HttpResponse:
    """The questions, once. "Skip" and "Save" both go on to ``next``."""
    user = request.user
    target = safe_next(request, f"/{request.LANGUAGE_CODE}/")
    if request.method == "POST":
        form = ProfileDetailsForm(request.POST, user=user)
        if "skip" in request.POST:
            profile_details_save(user=user, details={})
            return redirect(target)
        if form.is_valid():
            profile_details_save(user=user, details=form.cleaned_data)
            messages.success(request, _("Thank you. Your details are saved."))
            return redirect(target)
    else:
        form = ProfileDetailsForm(user=user)
        if not form.fields:  # nothing missing: nothing to ask
            return redirect(target)
    return render(request, "cms/profile_details.html", {"form": form, "next": target})
