"""WhatsApp and SMS channels: the console, generic HTTP and Twilio backends, each checked by
the fake gateway on 127.0.0.1 (credentials, template names, parameters), with the same outcome
rules as push (5xx retried, 429 waits for Retry-After)."""

import datetime

import pytest
from django.utils import timezone

from notifications import kinds, message_templates, services
from notifications.delivery import deliveries_send
from notifications.models import Delivery, DeliveryStatus, NotificationSettings, PhoneMessage

pytestmark = pytest.mark.django_db

DIRECT = "test_direct"


@pytest.fixture(autouse=True)
def direct_kind():
    kinds.register(DIRECT, title="Undangan", body="Halo %(name)s, klik tautan", reach="direct")


@pytest.fixture
def daytime(participant):
    """No quiet hours, WhatsApp first: the test does not depend on the hour it runs at."""
    NotificationSettings.objects.create(
        user=participant, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
    )


def _send_direct(person, **params):
    services.notify(
        recipient=person, kind=DIRECT, url="/id/join/abc/", params={"name": "Ani", **params}
    )
    counts = deliveries_send()
    counts.pop("seconds", None)
    return counts


def test_console_backend_keeps_the_message_for_managers(participant, daytime):
    assert _send_direct(participant) == {"delivered": 1}
    [kept] = PhoneMessage.objects.all()
    assert (kept.channel, kept.to, kept.template) == (
        "whatsapp",
        "+6281311110001",
        "berdaya_notification",
    )
    assert kept.params == ["Undangan", "Halo Ani, klik tautan", "http://testserver/id/join/abc/"]
    # Sent again (a retried batch): still one message.
    delivery = Delivery.objects.get(channel="whatsapp")
    assert kept.delivery_id == delivery.pk


def test_http_backend_sends_the_template_with_its_parameters(
    participant, daytime, gateway, gateway_http
):
    gateway_http("whatsapp")
    assert _send_direct(participant) == {"delivered": 1}
    message = gateway.last_message("0813 1111 0001")
    assert message["template"] == "berdaya_notification"
    assert message["language"] == "id"
    assert message["params"] == [
        "Undangan",
        "Halo Ani, klik tautan",
        "http://testserver/id/join/abc/",
    ]
    assert message["reference"] == f"berdaya-{Delivery.objects.get(channel='whatsapp').pk}"
    assert PhoneMessage.objects.count() == 0


def test_a_kind_mapped_to_its_own_template(participant, daytime, gateway, gateway_http):
    gateway_http("whatsapp")
    message_templates.register(
        DIRECT, name="clinic_reminder_1h", params=("name", "@title", "@link")
    )
    _send_direct(participant)
    message = gateway.last_message("+6281311110001")
    assert message["template"] == "clinic_reminder_1h"
    assert message["params"] == ["Ani", "Undangan", "http://testserver/id/join/abc/"]


def test_wrong_credentials_and_unapproved_templates_fail_without_retry(
    participant, daytime, gateway, gateway_http, settings
):
    gateway_http("whatsapp")
    settings.WHATSAPP_HTTP_AUTH_VALUE = "Bearer wrong"
    _send_direct(participant)
    delivery = Delivery.objects.get(channel="whatsapp")
    assert (delivery.status, delivery.status_code) == (DeliveryStatus.FAILED, 401)
    settings.WHATSAPP_HTTP_AUTH_VALUE = "Bearer gateway-test-token"
    settings.WHATSAPP_TEMPLATES = {DIRECT: {"name": "not_approved", "params": ["@title"]}}
    _send_direct(participant)
    assert Delivery.objects.filter(status_code=400, status=DeliveryStatus.FAILED).count() == 1
    assert gateway.messages() == []
    assert [r["status"] for r in gateway.rejected()] == [401, 400]


def test_sms_by_http_when_the_person_puts_sms_first(participant, daytime, gateway, gateway_http):
    gateway_http("sms")
    NotificationSettings.objects.filter(user=participant).update(
        channel_order=["sms", "webpush", "whatsapp"]
    )
    _send_direct(participant)
    message = gateway.last_message("081311110001")
    assert message["channel"] == "sms"
    assert message["text"] == "Undangan Halo Ani, klik tautan http://testserver/id/join/abc/"
    assert not Delivery.objects.filter(channel="whatsapp").exists()


def test_5xx_is_retried_and_429_waits_for_retry_after(participant, daytime, gateway, gateway_http):
    gateway_http("whatsapp")
    gateway.plan(503)
    _send_direct(participant)
    delivery = Delivery.objects.get(channel="whatsapp")
    assert delivery.status == DeliveryStatus.RETRYING and delivery.status_code == 503
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    gateway.plan(429, retry_after=120)
    before = timezone.now()
    deliveries_send()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.status_code == 429
    wait = (delivery.next_attempt_at - before).total_seconds()
    assert 119 <= wait <= 125
    assert deliveries_send() == {}  # not before the gateway said
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    deliveries_send()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 3
    assert len(gateway.messages()) == 1


def test_twilio_whatsapp_by_content_template(participant, daytime, gateway, gateway_twilio):
    gateway_twilio("whatsapp")
    assert _send_direct(participant) == {"delivered": 1}
    message = gateway.last_message("+6281311110001")
    assert message["channel"] == "whatsapp" and message["template"] == "berdaya_notification"
    assert message["params"] == [
        "Undangan",
        "Halo Ani, klik tautan",
        "http://testserver/id/join/abc/",
    ]


def test_twilio_sms_and_its_429(participant, daytime, gateway, gateway_twilio):
    gateway_twilio("sms")
    NotificationSettings.objects.filter(user=participant).update(channel_order=["sms"])
    gateway.plan(429, retry_after=30)
    _send_direct(participant)
    delivery = Delivery.objects.get(channel="sms")
    assert delivery.status == DeliveryStatus.RETRYING and delivery.status_code == 429
    assert 25 <= (delivery.next_attempt_at - timezone.now()).total_seconds() <= 31
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    deliveries_send()
    message = gateway.last_message("081311110001")
    assert message["channel"] == "sms" and message["text"].startswith("Undangan Halo Ani")


def test_twilio_with_a_wrong_token_fails(participant, daytime, gateway, gateway_twilio, settings):
    gateway_twilio("whatsapp")
    settings.TWILIO_AUTH_TOKEN = "wrong"
    _send_direct(participant)
    delivery = Delivery.objects.get(channel="whatsapp")
    assert (delivery.status, delivery.status_code) == (DeliveryStatus.FAILED, 401)


def test_a_gateway_on_a_private_address_is_refused(
    participant, daytime, gateway, gateway_http, settings
):
    gateway_http("whatsapp")
    settings.OUTBOUND_ALLOW_PRIVATE = False
    _send_direct(participant)
    delivery = Delivery.objects.get(channel="whatsapp")
    assert delivery.status == DeliveryStatus.FAILED and delivery.reason.startswith("refused")
    assert gateway.requests() == [] and gateway.rejected() == []
