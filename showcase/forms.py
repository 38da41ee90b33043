from django import forms
from django.utils.translation import gettext_lazy as _

from cms.forms import TelInput
from cms.models.districts import District
from cms.phone import normalise_mobile

from .models import BusinessProfile, LicenceKind, LicenceStatus, ProductType


class BusinessProfileForm(forms.ModelForm):
    class Meta:
        model = BusinessProfile
        fields = ["name", "description", "product_type", "district", "whatsapp", "price_range"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 500}),
            "whatsapp": TelInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.filter(is_active=True)
        self.fields["whatsapp"].max_length = 25
        self.fields["whatsapp"].widget.attrs["maxlength"] = 25

    def clean_whatsapp(self) -> str:
        return normalise_mobile(self.cleaned_data["whatsapp"])


class PhotoForm(forms.Form):
    photo = forms.ImageField(
        label=_("Photo"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_("A clear photo of your product. It is made smaller before it is sent."),
    )

    # Pillow checks the photo again in the service (prepare_photo); ImageField is the first gate.


class LicenceForm(forms.Form):
    """One choice per licence; "verified" is not the owner's to choose."""

    def __init__(self, *args, licences=(), **kwargs):
        super().__init__(*args, **kwargs)
        own_choices = [c for c in LicenceStatus.choices if c[0] != LicenceStatus.VERIFIED]
        for licence in licences:
            choices = own_choices
            if licence.status == LicenceStatus.VERIFIED:
                choices = [*own_choices, (LicenceStatus.VERIFIED, LicenceStatus.VERIFIED.label)]
            self.fields[licence.kind] = forms.ChoiceField(
                label=LicenceKind(licence.kind).label,
                choices=choices,
                initial=licence.status,
                widget=forms.RadioSelect,
                required=False,
            )


class DirectoryFilter(forms.Form):
    district = forms.ModelChoiceField(
        label=_("District"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("All districts"),
    )
    type = forms.ChoiceField(
        label=_("Product type"),
        choices=[("", _("All products")), *ProductType.choices],
        required=False,
    )
