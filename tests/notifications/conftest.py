"""Fixtures for the notifications tests: VAPID keys, the test push service, subscriptions."""

import pytest

from notifications.push import generate_vapid_keys
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
    settings.WEBPUSH_VAPID_PRIVATE_KEY = VAPID_PRIVATE
    settings.WEBPUSH_VAPID_PUBLIC_KEY = VAPID_PUBLIC
    settings.WEBPUSH_CONTACT = CONTACT
    return settings


def vapid_env() -> dict:
    """The same keys for a Celery worker subprocess."""
    return {
        "WEBPUSH_VAPID_PRIVATE_KEY": VAPID_PRIVATE,
        "WEBPUSH_VAPID_PUBLIC_KEY": VAPID_PUBLIC,
        "WEBPUSH_CONTACT": CONTACT,
    }


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
