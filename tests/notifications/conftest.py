"""Fixtures for the notifications tests: VAPID keys in the settings for every test here.

The push service, subscriptions, workers and the coaching and learning fixtures are shared
through ``pytest_plugins`` (tests/support/fixtures/); the names below stay importable from
here for modules that import them.
"""

import socket

import pytest

from tests.support.fixtures.push import (  # noqa: F401
    CONTACT,
    VAPID_PRIVATE,
    VAPID_PUBLIC,
    _push_service_process,
    push_service,
    subscribe,
    vapid_env,
)
from tests.support.fixtures.workers import start_worker  # noqa: F401


@pytest.fixture(autouse=True)
def vapid_settings(vapid_settings):
    return vapid_settings


# A public address (example.com's) for made-up push service names: the tests run without DNS.
PUBLIC_ADDRESS = "93.184.215.14"


@pytest.fixture
def fake_dns(monkeypatch):
    """fake_dns({"push.example.org": "93.184.215.14"}): these names resolve to these addresses
    (the outside world's DNS, faked); every other name resolves as usual."""
    names: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in names:
            family = socket.AF_INET6 if ":" in names[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (names[host], port or 0))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return names.update


@pytest.fixture
def public_push_hosts(fake_dns):
    """The made-up push service names the tests store subscriptions for, on a public address."""
    fake_dns(dict.fromkeys(("push.example.org", "p.example"), PUBLIC_ADDRESS))
