"""Indonesian mobile numbers: one canonical form (E.164, "+62812...") for every way of writing."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVALID_MESSAGE = _(
    "Enter an Indonesian mobile number, for example 0812 3456 7890 or +62 812 3456 7890."
)


def normalise_mobile(raw: str) -> str:
    """Return the number as "+62..." or raise ValidationError with a message for the person.

    Accepts 0812..., +62812..., 62812..., with spaces, dots or dashes between digits.
    """
    text = (raw or "").strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if not digits:
        raise ValidationError(INVALID_MESSAGE, code="invalid_mobile")
    candidate = "+" + digits if text.startswith("+") or digits.startswith("62") else digits
    try:
        number = phonenumbers.parse(candidate, "ID")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_MESSAGE, code="invalid_mobile") from exc
    if number.country_code != 62 or not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_MESSAGE, code="invalid_mobile")
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationError(INVALID_MESSAGE, code="invalid_mobile")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_mobile(canonical: str) -> str:
    """How a number is shown to people: 0812-3456-7890."""
    try:
        number = phonenumbers.parse(canonical, "ID")
    except phonenumbers.NumberParseException:
        return canonical
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
