"""Forms of the learning app. They parse and validate input; services do the work."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.forms import MobileField, OneTimeCodeField
from cms.models import AgeBand, LessonPage, MigrantStatus, Sex, StagePage
from cms.models.districts import DistrictChoiceField
from cms.validators import SensibleDateField
from cms.widgets import NativeDateInput, NativeTimeInput

from .models import Review


class JoinCodeField(forms.CharField):
    """An optional cohort join code; a code that matches no cohort is an error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Cohort code"))
        kwargs.setdefault("help_text", _("If your facilitator gave you a code, type it here."))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"})
        return attrs

    def clean(self, value):
        from .services import cohort_by_code

        value = super().clean(value)
        if not value:
            return None
        cohort = cohort_by_code(code=value)
        if cohort is None:
            raise ValidationError(
                _("There is no cohort with this code. Check the code with your facilitator."),
                code="bad_join_code",
            )
        return cohort


class JoinForm(forms.Form):
    code = JoinCodeField(required=True)


class LocalDateTimeMixin:
    """Combines a date and a time typed in the person's zone into an aware UTC datetime."""

    def aware(self, date: datetime.date, time: datetime.time, zone) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(date, time), zone)


class EnrolForm(forms.Form):
    """A facilitator enrols someone by mobile number; a new person needs their details."""

    mobile = MobileField()
    name = forms.CharField(label=_("Name"), max_length=150, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    age_band = forms.ChoiceField(
        label=_("Age"), choices=[("", "—"), *AgeBand.choices], required=False
    )
    district = DistrictChoiceField(label=_("District"), required=False)
    migrant_status = forms.ChoiceField(
        label=_("Returning migrant or family member"),
        choices=[("", "—"), *MigrantStatus.choices],
        required=False,
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        help_text=_(
            "Columns: name, mobile number, sex, age band, district, returning migrant or family"
            " member. The first row holds the column names."
        ),
    )


class SessionForm(LocalDateTimeMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    stage = forms.ModelChoiceField(
        label=_("Stage"), queryset=StagePage.objects.none(), required=False
    )
    date = SensibleDateField(label=_("Date"), widget=NativeDateInput())
    start = forms.TimeField(label=_("Starts"), widget=NativeTimeInput())
    end = forms.TimeField(label=_("Ends"), required=False, widget=NativeTimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = stages if stages is not None else StagePage.objects.none()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("The session must end after it starts."))
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [item for item in data if item]
        return [data] if data else []


class AssignmentForm(LocalDateTimeMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    instructions = forms.CharField(
        label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 5})
    )
    lesson = forms.ModelChoiceField(
        label=_("Lesson (optional)"), queryset=LessonPage.objects.none(), required=False
    )
    due_date = SensibleDateField(label=_("Due date"), widget=NativeDateInput())
    due_time = forms.TimeField(
        label=_("Due time"),
        initial=datetime.time(23, 59),
        widget=NativeTimeInput(),
    )
    allow_text = forms.BooleanField(label=_("Text"), required=False, initial=True)
    allow_photos = forms.BooleanField(label=_("Photos"), required=False, initial=True)
    allow_files = forms.BooleanField(label=_("Files"), required=False, initial=True)
    participants = forms.MultipleChoiceField(
        label=_("Only these participants"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to give it to the whole cohort."),
    )

    def __init__(self, *args, lessons=None, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        if lessons is not None:
            self.fields["lesson"].queryset = lessons
        self.fields["participants"].choices = [(str(p.pk), p.name) for p in participants]

    def clean(self):
        cleaned = super().clean()
        if not (
            cleaned.get("allow_text") or cleaned.get("allow_photos") or cleaned.get("allow_files")
        ):
            raise ValidationError(_("Allow at least one kind of answer: text, photos or files."))
        return cleaned


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    photos = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": "image/*", "data-shrink": "1600"}),
        help_text=_("Take a photo or choose from your gallery."),
    )
    files = MultipleFileField(label=_("Files"))

    def __init__(self, *args, assignment=None, **kwargs):
        super().__init__(*args, **kwargs)
        if assignment is not None:
            for name, allowed in (
                ("text", assignment.allow_text),
                ("photos", assignment.allow_photos),
                ("files", assignment.allow_files),
            ):
                if not allowed:
                    del self.fields[name]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Review.Decision.choices, widget=forms.RadioSelect
    )
    feedback = forms.CharField(
        label=_("Feedback"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class OpenStageForm(forms.Form):
    stage = forms.ModelChoiceField(label=_("Stage"), queryset=StagePage.objects.none())
    reason = forms.CharField(
        label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        if stages is not None:
            self.fields["stage"].queryset = stages


class ReflectionForm(forms.Form):
    position = forms.IntegerField(min_value=0, max_value=100, widget=forms.HiddenInput)
    answer = forms.CharField(
        label=_("Your answer"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class InvitationCodeForm(forms.Form):
    """The number an invitation was sent to and the code in its message."""

    mobile = MobileField()
    code = OneTimeCodeField()


class CohortMessageForm(forms.Form):
    """A message to everyone in a cohort."""

    text = forms.CharField(
        label=_("Message"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": 500}),
        help_text=_("At most 500 characters. Everyone enrolled gets it in their inbox."),
    )
    important = forms.BooleanField(
        label=_("Important: also send it by WhatsApp or SMS"),
        required=False,
        help_text=_(
            "For what cannot wait (a place or time changed). It costs money: use it rarely."
        ),
    )
