"""A district value with a NUL byte is "not a district", not a PostgreSQL error (a 500)."""

import pytest
from django.core.exceptions import ValidationError

from cms.models.districts import DistrictChoiceField, validate_district

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_a_nul_byte_is_not_a_district():
    field = DistrictChoiceField()
    assert not field.valid_value("\x00")
    assert not field.valid_value("lombok\x00timur")
    assert field.valid_value("lombok_timur")
    with pytest.raises(ValidationError):
        validate_district("a\x00b")
