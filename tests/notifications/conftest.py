"""Fixtures for the notifications tests: VAPID keys in the settings for every test here.

The push service, subscriptions, workers and the coaching and learning fixtures are shared
through ``pytest_plugins`` (tests/support/fixtures/); the names below stay importable from
here for modules that import them.
"""

import pytest

from tests.support.fixtures.push import (  # noqa: F401
    CONTACT,
    PUBLIC_ADDRESS,
    VAPID_PRIVATE,
    VAPID_PUBLIC,
    _push_service_process,
    fake_dns,
    public_push_hosts,
    push_service,
    subscribe,
    vapid_env,
)
from tests.support.fixtures.workers import start_worker  # noqa: F401


@pytest.fixture(autouse=True)
def vapid_settings(vapid_settings):
    return vapid_settings
