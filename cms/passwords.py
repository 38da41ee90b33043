"""Password forms in our own words: Django's stock texts ("Your password can't be too similar
to your other personal information", "Sandi anda…") read like a contract, not like us.

``password_problems`` turns the validators' errors into our sentences (by their codes), and
``ChangePasswordForm`` is Django's password change with our labels, help and errors.
"""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

NEW_PASSWORD_HELP = _("At least 8 characters, not only numbers, not a common password.")

# The codes of Django's validators (django.contrib.auth.password_validation), in our words.
OUR_WORDS = {
    "password_too_short": _("Please use at least 8 characters."),
    "password_too_common": _(
        "Many people use this password, so it is easy to guess. Please choose another."
    ),
    "password_entirely_numeric": _("Please use some letters, not only numbers."),
    "password_too_similar": _(
        "This is too close to your name or mobile number. Please choose another."
    ),
}


def password_problems(password: str, user=None) -> list[str]:
    """What is wrong with a new password, in our words (empty when it is fine)."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        return [str(OUR_WORDS.get(e.code, e.messages[0])) for e in error.error_list]
    return []


class ChangePasswordForm(PasswordChangeForm):
    """Change one's password: the one in use now, then the new one twice."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("That is not the password you use now. Please try again."),
        "password_mismatch": _("The two passwords are not the same."),
    }

    old_password = forms.CharField(
        label=_("Your password now"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=NEW_PASSWORD_HELP,
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def validate_password_for_user(self, user, password_field_name="password2"):
        # Django's own check would add its stock sentences; ours says the same in our words.
        password = self.cleaned_data.get(password_field_name)
        if password:
            for problem in password_problems(password, user):
                self.add_error(password_field_name, problem)
