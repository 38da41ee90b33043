"""The channel interface: a second channel (an SMS gateway, say) is registered beside web push
and gets its deliveries from the same scheduler, claims and outcome rules, with no change to
either."""

import datetime

import pytest

from notifications import channels, services
from notifications.channels import Address, Batch, Channel, Result
from notifications.delivery import deliveries_send
from notifications.models import Delivery, DeliveryStatus, NotificationSettings

pytestmark = pytest.mark.django_db


class FakeSms(Channel):
    """Reaches everyone at a made-up number; answers as the test says."""

    name = "test_sms"

    def __init__(self, *, ready=True, answer=201):
        self.ready = ready
        self.answer = answer
        self.sent: list[tuple[str, str]] = []

    def configured(self) -> bool:
        return self.ready

    def addresses(self, user_ids):
        return {user_id: [Address(f"sms:+6281{user_id:08d}")] for user_id in user_ids}

    def open_batch(self) -> Batch:
        channel = self

        class SmsBatch(Batch):
            timings = {"http": 0.0}

            def send(self, delivery, *, now):
                channel.sent.append((delivery.endpoint, delivery.notification.title))
                return Result(channel.answer, f"HTTP {channel.answer}")

        return SmsBatch()


@pytest.fixture
def sms():
    saved = dict(channels._registry)
    channel = channels.register(FakeSms())
    yield channel
    channels._registry.clear()
    channels._registry.update(saved)


@pytest.fixture
def daytime(participant):
    NotificationSettings.objects.create(
        user=participant, quiet_start=datetime.time(0), quiet_end=datetime.time(0)
    )


def test_a_registered_channel_gets_its_deliveries(
    participant, subscribe, push_service, daytime, sms
):
    subscribe(participant)
    services.notify(recipient=participant, kind="any", url="/")
    assert sorted(Delivery.objects.values_list("channel", flat=True)) == ["test_sms", "webpush"]
    counts = deliveries_send()
    counts.pop("seconds")
    assert counts == {"delivered": 2}
    assert sms.sent == [(f"sms:+6281{participant.pk:08d}", "Berdaya")]
    assert push_service.count() == 1


def test_its_answers_follow_the_same_rules(participant, daytime, sms):
    sms.answer = 500
    services.notify(recipient=participant, kind="any", url="/")
    deliveries_send()
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING and delivery.reason == "HTTP 500"


def test_an_unconfigured_channel_waits_and_the_others_still_send(
    participant, subscribe, push_service, daytime, sms
):
    sms.ready = False
    subscribe(participant)
    services.notify(recipient=participant, kind="any", url="/")
    deliveries_send()
    assert push_service.count() == 1 and sms.sent == []
    assert Delivery.objects.get(channel="test_sms").status == DeliveryStatus.PENDING
    sms.ready = True
    deliveries_send()
    assert Delivery.objects.get(channel="test_sms").status == DeliveryStatus.DELIVERED
