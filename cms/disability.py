"""The participant's own disability questions (Washington Group Short Set): form and page.

Asked only here, on the person's own profile, with the reason; nothing is kept without their
consent, and they can remove their answers at any time. Nobody else ever sees the answers:
reports count people, never show them.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from cms.models import Difficulty, DisabilityAnswers
from cms.models.disability import DOMAINS


class DisabilityForm(forms.Form):
    """Six questions, each optional, and the consent that allows keeping the answers."""

    consent = forms.BooleanField(
        label=_(
            "I agree that Berdaya keeps my answers to count, without my name, how many "
            "people with a disability the programme reaches."
        ),  # fmt: skip
        required=True,
        error_messages={"required": _("Tick this box to save your answers, or leave the page.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for name, question in DOMAINS:
            fields[name] = forms.TypedChoiceField(
                label=question,
                choices=Difficulty.choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
        fields["consent"] = self.fields.pop("consent")
        self.fields = fields

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name, _question in DOMAINS):
            raise forms.ValidationError(_("Answer at least one question, or leave the page."))
        return cleaned


@transaction.atomic
def disability_answers_save(*, user, answers: dict) -> DisabilityAnswers:
    """Keep the person's answers (they consented just now)."""
    now = timezone.now()
    row, _created = DisabilityAnswers.objects.select_for_update().get_or_create(
        user=user, defaults={"consent_given_at": now}
    )
    for name, _question in DOMAINS:
        setattr(row, name, answers.get(name))
    row.consent_given_at = now
    row.updated_at = now
    row.save()
    return row


@login_required
@require_http_methods(["GET", "POST"])
def disability_questions(request: HttpRequest) -> HttpResponse:
    existing = DisabilityAnswers.objects.filter(user=request.user).first()
    if request.method == "POST" and request.POST.get("action") == "remove":
        DisabilityAnswers.objects.filter(user=request.user).delete()
        messages.success(request, _("Your answers have been removed."))
        return redirect("disability_questions")
    if request.method == "POST":
        form = DisabilityForm(request.POST)
        if form.is_valid():
            disability_answers_save(user=request.user, answers=form.cleaned_data)
            messages.success(request, _("Thank you. Your answers have been saved."))
            return redirect("disability_questions")
    else:
        initial = {name: getattr(existing, name) for name, _q in DOMAINS} if existing else {}
        form = DisabilityForm(initial=initial)
    return render(request, "cms/disability.html", {"form": form, "existing": existing})
