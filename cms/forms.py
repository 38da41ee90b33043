"""Account forms: sign up, sign in and the person's own settings."""

import contextlib

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.hooks import run_signup_form_hooks
from cms.models import DISTRICT_TIME_ZONES, User
from cms.phone import normalise_mobile

# Room for every way people write a number: "+62 812-0000-0001" is 17 characters, and a
# few more spaces or dots must not be cut by the browser (the stored form is at most 16).
MOBILE_TYPED_MAX_LENGTH = 24


class TelInput(forms.TextInput):
    """A phone number's input: ``type="tel"`` (one type attribute) and the phone keypad."""

    input_type = "tel"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "tel", "autocomplete": "tel", **(attrs or {})})


class MobileField(forms.CharField):
    """A text field that accepts Indonesian mobile numbers and cleans them to "+62…"."""

    widget = TelInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", MOBILE_TYPED_MAX_LENGTH)
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("help_text", _("For example 0812 3456 7890."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_mobile(value) if value else value


class SignUpForm(forms.ModelForm):
    """A participant's sign-up, on a phone: every field on one short page."""

    mobile = MobileField()
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers, not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    class Meta:
        model = User
        fields = [
            "name",
            "mobile",
            "sex",
            "age_band",
            "district",
            "migrant_status",
            "preferred_language",
        ]
        labels = {
            "name": _("Your name"),
            "sex": _("Sex"),
            "age_band": _("Age"),
            "district": _("District (kabupaten)"),
            "migrant_status": _("You are"),
            "preferred_language": _("Language"),
        }
        widgets = {
            "sex": forms.RadioSelect,
            "migrant_status": forms.RadioSelect,
            "preferred_language": forms.RadioSelect,
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    field_order = [
        "name",
        "mobile",
        "password1",
        "password2",
        "sex",
        "age_band",
        "district",
        "migrant_status",
        "preferred_language",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("sex", "age_band", "district", "migrant_status", "name"):
            self.fields[name].required = True
        # ModelForm adds an empty "---------" choice to selects; radio buttons don't want it.
        for name in ("sex", "migrant_status"):
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["age_band"].choices = [("", _("Choose…"))] + [
            c for c in self.fields["age_band"].choices if c[0]
        ]
        self.fields["district"].choices = [("", _("Choose…"))] + [
            c for c in self.fields["district"].choices if c[0]
        ]
        # Apps may add optional fields (the learning app's join code).
        run_signup_form_hooks(self)

    @staticmethod
    def duplicate_mobile_error() -> ValidationError:
        return ValidationError(
            _("This mobile number is already registered. Sign in instead."),
            code="duplicate_mobile",
        )

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        if User.objects.filter(mobile=mobile).exists():
            raise self.duplicate_mobile_error()
        return mobile

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("password1")
        password2 = cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password1")
        if password:
            try:
                password_validation.validate_password(password, self.instance)
            except ValidationError as error:
                self.add_error("password1", error)

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        user.time_zone = DISTRICT_TIME_ZONES.get(user.district, user.time_zone)
        if commit:
            user.save()
        return user


class MobileAuthenticationForm(AuthenticationForm):
    """Sign in with the mobile number in any of the usual ways of writing it."""

    username = forms.CharField(
        label=_("Mobile number"),
        max_length=MOBILE_TYPED_MAX_LENGTH,
        widget=TelInput(attrs={"autofocus": True}),
    )

    error_messages = {
        "invalid_login": _("The mobile number or password is not right. Please try again."),
        "inactive": _("This account is not active. Please contact your facilitator."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        # AuthenticationForm sets the stored number's length (16) as the input's maxlength,
        # which cuts a number typed with spaces: the typed form may be longer.
        self.fields["username"].max_length = MOBILE_TYPED_MAX_LENGTH
        self.fields["username"].widget.attrs["maxlength"] = str(MOBILE_TYPED_MAX_LENGTH)

    def clean(self):
        raw = self.cleaned_data.get("username")
        if raw:
            # An unparseable number is left as typed: authentication then fails as usual.
            with contextlib.suppress(ValidationError):
                self.cleaned_data["username"] = normalise_mobile(raw)
        return super().clean()


class AccountSettingsForm(forms.ModelForm):
    """What a person may change about themselves."""

    class Meta:
        model = User
        fields = ["name", "preferred_language", "time_zone", "data_saver"]
        widgets = {
            "preferred_language": forms.RadioSelect,
            "time_zone": forms.RadioSelect,
            "data_saver": forms.RadioSelect,
        }


class OneTimeCodeField(forms.CharField):
    """A code sent to the person's phone: six digits, typed with or without spaces."""

    DIGITS = 6

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("label", _("Code"))
        kwargs.setdefault("help_text", _("The 6 digits in the message we sent you."))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(
            {"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        )
        return attrs

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        digits = "".join(value.split()).replace("-", "")
        if len(digits) != self.DIGITS or not (digits.isascii() and digits.isdigit()):
            raise ValidationError(
                _("Type the 6 digits of the code, for example 123456."), code="bad_code"
            )
        return digits


class PasswordForgotForm(forms.Form):
    """The number to send a sign-in code to."""

    mobile = MobileField()


class PasswordResetCodeForm(forms.Form):
    """The code from the message and the new password, twice."""

    code = OneTimeCodeField()
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only numbers, not a common password."),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        password1 = cleaned.get("new_password1")
        password2 = cleaned.get("new_password2")
        if password1 and password2 and password1 != password2:
            self.add_error("new_password2", _("The two passwords are not the same."))
        elif password1:
            try:
                password_validation.validate_password(password1)
            except ValidationError as error:
                self.add_error("new_password1", error)
        return cleaned
