"""Push endpoints are addresses a browser sent us: only https on public addresses is stored or
sent to, and what a push service says in its reply body is not kept."""

import datetime
import json
import socket

import pytest
from django.urls import reverse

from notifications import services
from notifications.delivery import deliveries_send
from notifications.models import Delivery, DeliveryStatus, NotificationSettings, PushSubscription

from .conftest import PUBLIC_ADDRESS, VAPID_PUBLIC

pytestmark = pytest.mark.django_db

AUTH = "AAAAAAAAAAAAAAAAAAAAAA"

# What a hostile tester sent as push endpoints: the cloud metadata service, the machine's own
# Redis, a private network, and a name whose DNS points at the machine itself.
HOSTILE = [
    "https://169.254.169.254/latest/meta-data/",
    "http://127.0.0.1:6379/",
    "https://10.0.0.1/push/abc",
    "http://localhost.evil.example/push",
    "https://localhost.evil.example/push",
]


@pytest.fixture
def production_rules(settings, fake_dns):
    """As in production: private addresses refused (the tests' fixtures allow them)."""
    settings.OUTBOUND_ALLOW_PRIVATE = False
    fake_dns({"localhost.evil.example": "127.0.0.1", "push.example.org": PUBLIC_ADDRESS})
    return settings


@pytest.fixture
def connections(monkeypatch):
    """Every address a socket of this process connects to while the test runs."""
    made = []
    real = socket.socket.connect

    def connect(sock, address):
        made.append(address)
        return real(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    return made


def _daytime(user):
    NotificationSettings.objects.create(
        user=user, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
    )


@pytest.mark.parametrize("endpoint", HOSTILE)
def test_a_hostile_endpoint_is_not_stored(participant, production_rules, endpoint):
    with pytest.raises(services.EndpointRefused):
        services.subscription_save(
            user=participant, endpoint=endpoint, p256dh=VAPID_PUBLIC, auth=AUTH
        )
    assert not PushSubscription.objects.exists()


def test_the_browser_is_told_why_and_nothing_is_stored(client, participant, production_rules):
    client.force_login(participant)
    url = reverse("notifications:subscribe")
    for endpoint in [*HOSTILE, "https://no-such-host.invalid/push"]:
        body = {"endpoint": endpoint, "keys": {"p256dh": VAPID_PUBLIC, "auth": AUTH}}
        response = client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code == 400, endpoint
        [message] = response.json()["errors"]["endpoint"]
        assert message, endpoint
    assert not PushSubscription.objects.exists()
    # A push service on a public address is accepted.
    body = {
        "endpoint": "https://push.example.org/ok",
        "keys": {"p256dh": VAPID_PUBLIC, "auth": AUTH},
    }
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200 and PushSubscription.objects.count() == 1


def test_the_refusal_is_in_the_persons_language(client, participant, production_rules):
    client.force_login(participant)
    body = {"endpoint": "https://10.0.0.1/push", "keys": {"p256dh": VAPID_PUBLIC, "auth": AUTH}}
    response = client.post(
        reverse("notifications:subscribe"),
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="id",
    )
    [message] = response.json()["errors"]["endpoint"]
    assert "jaringan privat" in message


def test_stored_hostile_endpoints_are_refused_at_send_time_without_a_request(
    participant, production_rules, push_service, connections
):
    """Rows stored before this check existed, or a name whose DNS changed since: the worker
    marks them failed and sends nothing, not even a connection attempt."""
    _daytime(participant)
    endpoints = [*HOSTILE, push_service.subscribe(1)[0]["endpoint"]]
    for endpoint in endpoints:
        PushSubscription.objects.create(
            user=participant, endpoint=endpoint, p256dh=VAPID_PUBLIC, auth=AUTH
        )
    services.notify(recipient=participant, kind="outbound_test", url="/")
    connections.clear()
    counts = deliveries_send()
    counts.pop("seconds")
    assert counts == {"failed": len(endpoints)}
    assert connections == []
    assert push_service.count() == 0
    for delivery in Delivery.objects.all():
        assert delivery.status == DeliveryStatus.FAILED and delivery.status_code is None
        assert delivery.reason.startswith("refused"), delivery.reason
    # Not retried: the next batch finds nothing to do.
    assert deliveries_send() == {}


def test_a_name_that_moved_into_a_private_network_is_refused_at_send_time(
    participant, production_rules, fake_dns, connections
):
    _daytime(participant)
    services.subscription_save(
        user=participant, endpoint="https://push.example.org/ani", p256dh=VAPID_PUBLIC, auth=AUTH
    )
    fake_dns({"push.example.org": "10.1.2.3"})  # its DNS changed since it was stored
    services.notify(recipient=participant, kind="outbound_test", url="/")
    connections.clear()
    deliveries_send()
    assert connections == []
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_the_reply_body_is_not_kept(participant, subscribe, push_service):
    _daytime(participant)
    subscribe(participant)
    push_service.plan([{"status": 400}])  # answered with a JSON body saying "planned answer"
    services.notify(recipient=participant, kind="outbound_test", url="/")
    deliveries_send()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED and delivery.reason == "HTTP 400"
