"""Filters of the report and of the participant list (GET forms: bad input gets a message)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.models import AgeBand, MigrantStatus, Sex
from cms.models.districts import DistrictChoiceField
from cms.validators import SensibleDateField

from .dimensions import DIMENSIONS
from .selectors import Filters

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportFilterForm(forms.Form):
    start = SensibleDateField(label=_("From"), required=False, widget=DATE)
    end = SensibleDateField(label=_("To"), required=False, widget=DATE)
    district = DistrictChoiceField(label=_("District"), required=False, blank_label=_("All"))
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=None, required=False, empty_label=_("All")
    )
    breakdown = forms.ChoiceField(
        label=_("Break down by"),
        required=False,
        choices=[(d.key, d.label) for d in DIMENSIONS if d.key != "sex"],
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts.order_by("name")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise ValidationError(_("The period ends before it starts."))
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            start=data.get("start"),
            end=data.get("end"),
            district=data.get("district") or "",
            cohort=data.get("cohort"),
        )

    @property
    def chosen_breakdown(self) -> str:
        return (self.cleaned_data.get("breakdown") if self.is_valid() else "") or "district"


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or mobile number"), required=False, max_length=100)
    district = DistrictChoiceField(label=_("District"), required=False, blank_label=_("All"))
    cohort = forms.ModelChoiceField(
        label=_("Cohort"), queryset=None, required=False, empty_label=_("All")
    )
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=[("", _("All")), *Sex.choices])
    age_band = forms.ChoiceField(
        label=_("Age band"), required=False, choices=[("", _("All")), *AgeBand.choices]
    )
    migrant_status = forms.ChoiceField(
        label=_("Returning migrant or family"),
        required=False,
        choices=[("", _("All")), *MigrantStatus.choices],
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts.order_by("name")

    def used(self) -> dict:
        """The filters in force, as plain values (what the download log records)."""
        data = self.cleaned_data
        return {
            key: (value.name if hasattr(value, "name") else value)
            for key, value in data.items()
            if value
        }
