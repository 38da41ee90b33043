"""Fixtures for coaching tests.

``topic``, ``expert_profile``, ``other_expert_profile``, ``make_session`` and
``make_participant`` are shared through ``pytest_plugins`` (tests/support/fixtures/); they stay
importable from here for modules that import them (``coaching_fixtures.make_session``).
"""

from tests.support.fixtures.coaching import (  # noqa: F401
    expert_profile,
    make_session,
    other_expert_profile,
    topic,
)
from tests.support.fixtures.people import make_participant  # noqa: F401
