import pytest
from django.core.exceptions import ValidationError

from cms.phone import display_mobile, normalise_mobile


@pytest.mark.parametrize(
    "typed",
    [
        "081234567890",
        "0812 3456 7890",
        "0812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "+62 812 3456 7890",
        " 0812.3456.7890 ",
    ],
)
def test_ways_of_writing_one_number(typed):
    assert normalise_mobile(typed) == "+6281234567890"


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "0812",
        "12345",
        "+6581234567",
        "0211234567",
        "+1 202 555 0101",
        "08123456789012345",
    ],
)
def test_not_an_indonesian_mobile_number(typed):
    with pytest.raises(ValidationError):
        normalise_mobile(typed)


def test_display():
    assert display_mobile("+6281234567890") == "0812-3456-7890"
