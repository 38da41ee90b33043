"""Fixtures for the notifications tests: VAPID keys, the test push service, subscriptions."""

import socket

import pytest

from notifications.channels.webpush import generate_vapid_keys
from tests.coaching import conftest as coaching_fixtures
from tests.learning import conftest as learning_fixtures
from tests.support.push_service import PushService

# Coaching's and learning's fixtures, for the tests of their reminder rules.
topic = coaching_fixtures.topic
expert_profile = coaching_fixtures.expert_profile
make_participant = coaching_fixtures.make_participant
make_session = coaching_fixtures.make_session
cohort = learning_fixtures.cohort
member = learning_fixtures.member

VAPID_PRIVATE, VAPID_PUBLIC = generate_vapid_keys()
CONTACT = "mailto:reminders@berdaya.test"


@pytest.fixture(autouse=True)
def vapid_settings(settings):
    """The test VAPID keys, and private addresses allowed: the test push service listens on
    http://127.0.0.1, which production refuses (tests/notifications/test_outbound.py)."""
    settings.WEBPUSH_VAPID_PRIVATE_KEY = VAPID_PRIVATE
    settings.WEBPUSH_VAPID_PUBLIC_KEY = VAPID_PUBLIC
    settings.WEBPUSH_CONTACT = CONTACT
    settings.OUTBOUND_ALLOW_PRIVATE = True
    return settings


def vapid_env() -> dict:
    """The same settings for a Celery worker subprocess."""
    return {
        "WEBPUSH_VAPID_PRIVATE_KEY": VAPID_PRIVATE,
        "WEBPUSH_VAPID_PUBLIC_KEY": VAPID_PUBLIC,
        "WEBPUSH_CONTACT": CONTACT,
        "OUTBOUND_ALLOW_PRIVATE": "1",
    }


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


@pytest.fixture(scope="session")
def _push_service_process(tmp_path_factory):
    service = PushService(tmp_path_factory.mktemp("push")).start()
    yield service
    service.stop()


@pytest.fixture
def push_service(_push_service_process):
    """The test push service on 127.0.0.1, emptied for each test."""
    _push_service_process.http.post(f"{_push_service_process.origin}/_control/reset")
    return _push_service_process


@pytest.fixture
def subscribe(push_service):
    """subscribe(user, n=1): n devices of ``user`` subscribed at the test push service."""
    from notifications import services

    def make(user, count=1, user_agent="Mozilla/5.0 (Linux; Android 13) Chrome/120 Mobile"):
        subs = []
        for info in push_service.subscribe(count):
            subs.append(
                services.subscription_save(
                    user=user,
                    endpoint=info["endpoint"],
                    p256dh=info["keys"]["p256dh"],
                    auth=info["keys"]["auth"],
                    user_agent=user_agent,
                )
            )
        return subs

    return make


@pytest.fixture
def start_worker(celery_worker_process):
    """``celery_worker_process`` with the test's own broker connections usable for sending.

    The shared fixture closes the app's connection pool for good (``force_close_all``); forget
    it so that ``.delay()`` in the test opens a fresh one to the test's Redis.
    """
    from kombu import pools

    from cms.celery import app

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    return celery_worker_process
