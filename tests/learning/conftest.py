"""Fixtures for learning tests: messages in English.

The programme (``build_programme``, ``programme``), cohorts, ``member``, ``make_assignment``
and the ``make_participant`` / ``make_facilitator`` factories are shared through
``pytest_plugins`` (tests/support/fixtures/); they stay importable from here.
"""

import pytest

from tests.support.fixtures.learning import (  # noqa: F401
    build_programme,
    cohort,
    make_assignment,
    member,
    other_cohort,
    programme,
)
from tests.support.fixtures.people import make_facilitator, make_participant  # noqa: F401


@pytest.fixture(autouse=True)
def english():
    """Messages in English (a request in an earlier test may have left Indonesian active)."""
    from django.utils import translation

    with translation.override("en"):
        yield
