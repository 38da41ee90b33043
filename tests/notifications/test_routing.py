"""Who gets what, how: inbox kinds stay in the inbox and push, urgent kinds escalate down the
person's channel order, direct kinds go to the first paid channel at once, secrets are never
listed and are wiped, quiet hours hold every channel, and monthly caps stop paid messages and
say so in the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import conf, kinds, selectors, services
from notifications.delivery import deliveries_send
from notifications.models import (
    Delivery,
    DeliveryStatus,
    Notification,
    NotificationSettings,
    PhoneMessage,
)
from notifications.services.routing import CAP_PERSON, CAP_PROGRAMME

pytestmark = pytest.mark.django_db

URGENT, DIRECT, CODE, PLAIN = "test_urgent", "test_direct", "test_code", "test_plain"


@pytest.fixture(autouse=True)
def test_kinds():
    kinds.register(URGENT, title="Klinik 1 jam lagi", body="%(title)s", reach="urgent", ttl=7200)
    kinds.register(DIRECT, title="Undangan", body="Klik", reach="direct")
    kinds.register(CODE, title="Kode", body="Kode Anda %(code)s", reach="direct", secret=True)
    kinds.register(PLAIN, title="Tugas baru", body="Lihat")


def _daytime(person, **fields):
    return NotificationSettings.objects.create(
        user=person, quiet_start=datetime.time(0), quiet_end=datetime.time(0), **fields
    )


def _channels(notification):
    return sorted(notification.deliveries.values_list("channel", flat=True))


def test_inbox_kinds_stay_in_the_inbox_and_push(participant, subscribe):
    _daytime(participant)
    subscribe(participant)
    notification = services.notify(recipient=participant, kind=PLAIN, url="/id/")
    assert _channels(notification) == ["webpush"]
    assert notification.phone_message == {} and notification.escalate_at is None


def test_urgent_without_a_push_device_goes_to_whatsapp_at_once(participant):
    _daytime(participant)
    notification = services.notify(
        recipient=participant, kind=URGENT, url="/id/c/1/", params={"title": "Modal"}
    )
    assert _channels(notification) == ["whatsapp"]
    deliveries_send()
    [message] = PhoneMessage.objects.all()
    assert message.to == participant.mobile and message.params[0] == "Klinik 1 jam lagi"
    # SMS is next if WhatsApp did not reach them either.
    assert notification.escalate_at is not None


def test_urgent_escalates_when_no_push_was_delivered_in_time(participant, subscribe, settings):
    _daytime(participant)
    subscribe(participant)
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""  # the push cannot go out
    notification = services.notify(recipient=participant, kind=URGENT, url="/", params={})
    assert _channels(notification) == ["webpush"]
    window = datetime.timedelta(seconds=conf.get("NOTIFY_ESCALATE_AFTER_SECONDS"))
    assert notification.escalate_at == notification.created_at + window
    assert services.notifications_escalate(now=notification.created_at + window / 2) == []
    later = notification.created_at + window
    assert [d.channel for d in services.notifications_escalate(now=later)] == ["whatsapp"]
    # Twice (two ticks): nothing more until the next window; then SMS, then nothing left.
    assert services.notifications_escalate(now=later) == []
    assert [d.channel for d in services.notifications_escalate(now=later + window)] == ["sms"]
    assert services.notifications_escalate(now=later + 3 * window) == []
    assert _channels(notification) == ["sms", "webpush", "whatsapp"]


def test_a_delivered_push_stops_the_escalation(participant, subscribe, push_service):
    _daytime(participant)
    subscribe(participant)
    notification = services.notify(recipient=participant, kind=URGENT, url="/", params={})
    deliveries_send()
    assert push_service.count() == 1
    assert services.notifications_escalate(now=timezone.now() + datetime.timedelta(hours=1)) == []
    assert _channels(notification) == ["webpush"]


def test_direct_goes_to_the_first_paid_channel_in_the_persons_order(participant, subscribe):
    _daytime(participant, channel_order=["webpush", "sms", "whatsapp"])
    subscribe(participant)
    notification = services.notify(recipient=participant, kind=DIRECT, url="/id/join/")
    assert _channels(notification) == ["sms", "webpush"]


def test_a_secret_is_never_listed_and_is_wiped_once_sent(participant):
    _daytime(participant)
    services.notify(
        recipient=participant,
        kind=CODE,
        url="/id/learning/invited/one-time-token-0001/",
        params={"code": "482913"},
    )
    assert list(selectors.inbox(user=participant)) == []
    assert selectors.unread_count(user=participant) == 0
    deliveries_send()
    kept = PhoneMessage.objects.get()
    assert "482913" not in kept.text and kept.params == []
    assert services.secrets_wipe() == 1
    notification = Notification.objects.get()
    assert (notification.title, notification.body, notification.phone_message) == ("", "", {})
    # the link held a one-time token: gone too, from every column of the row
    assert notification.url == ""
    row = " ".join(str(v) for v in Notification.objects.values().get().values())
    assert "one-time-token-0001" not in row and "482913" not in row


def test_a_secret_kind_cannot_be_switched_off(client, participant):
    from notifications.forms import kind_groups

    assert CODE not in {name for _key, _label, names in kind_groups(participant) for name in names}
    # not offered on the settings page, and a muted one (an old row, a forged form) still goes
    client.force_login(participant)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert CODE not in page
    _daytime(participant, muted_kinds=[CODE, DIRECT])
    code = services.notify(recipient=participant, kind=CODE, url="", params={"code": "1"})
    plain = services.notify(recipient=participant, kind=DIRECT, url="/id/")
    assert code.deliveries.get().status == DeliveryStatus.PENDING
    assert plain.deliveries.get().status == DeliveryStatus.SKIPPED


def test_a_secret_unsent_is_wiped_when_it_expires(participant, settings):
    _daytime(participant)
    settings.WHATSAPP_BACKEND = settings.SMS_BACKEND = "http"  # not configured: nothing sends
    notification = services.notify(
        recipient=participant, kind=CODE, url="", params={"code": "1"}, expires_at=timezone.now()
    )
    assert services.secrets_wipe() == 1
    notification.refresh_from_db()
    assert notification.body == ""


def test_quiet_hours_hold_whatsapp_too_but_not_a_code_asked_for(participant):
    # Quiet all day except the last minute before midnight (in the person's zone).
    NotificationSettings.objects.create(
        user=participant, quiet_start=datetime.time(0), quiet_end=datetime.time(23, 59)
    )
    now = timezone.now()
    local = now.astimezone(participant.zoneinfo)
    if local.time() >= datetime.time(23, 58):
        pytest.skip("the one minute of the day outside these quiet hours")
    direct = services.notify(recipient=participant, kind=DIRECT, url="/")
    [held] = direct.deliveries.all()
    assert held.channel == "whatsapp" and held.reason == "held back by quiet hours"
    assert held.next_attempt_at.astimezone(participant.zoneinfo).time() == datetime.time(23, 59)
    code = services.notify(recipient=participant, kind=CODE, url="", params={"code": "7"})
    [now_sent] = code.deliveries.all()
    assert now_sent.next_attempt_at <= timezone.now() and now_sent.reason == ""
    deliveries_send()
    assert [m.delivery_id for m in PhoneMessage.objects.all()] == [now_sent.pk]


def test_caps_stop_paid_messages_and_the_admin_says_so(
    participant, make_user, manager, client, settings
):
    settings.PAID_CAP_PER_PERSON = 2
    settings.PAID_CAP_PROGRAMME = 3
    _daytime(participant)
    other = make_user("participants", "081311119999", name="Budi")
    _daytime(other)
    for _ in range(3):
        services.notify(recipient=participant, kind=DIRECT, url="/")
    stopped = Delivery.objects.filter(status=DeliveryStatus.SKIPPED)
    assert list(stopped.values_list("reason", flat=True)) == [CAP_PERSON]
    services.notify(recipient=other, kind=DIRECT, url="/")
    services.notify(recipient=other, kind=DIRECT, url="/")
    assert sorted(stopped.values_list("reason", flat=True)) == sorted([CAP_PERSON, CAP_PROGRAMME])
    deliveries_send()
    assert PhoneMessage.objects.count() == 3
    # Every notification is still in the inbox.
    assert Notification.objects.count() == 5

    client.force_login(manager)
    page = client.get(reverse("notifications_paid:index")).content.decode()
    assert 'id="cap-programme"' in page
    assert "Tidak terkirim bulan ini karena batas: 1 oleh batas program" in page
    assert "3 / 3" in page and "Ani Participant" in page
    console = client.get(reverse("phonemessage:index")).content.decode()
    assert "+6281311110001" in console and "+6281311119999" in console


def test_only_managers_see_what_was_spent(client, facilitator, participant):
    client.force_login(facilitator)
    response = client.get(reverse("notifications_paid:index"))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")


def test_managers_never_read_a_code_in_the_admin(participant, manager, client):
    _daytime(participant)
    services.notify(recipient=participant, kind=CODE, url="", params={"code": "482913"})
    client.force_login(manager)
    listing = reverse("notification:index")
    assert "482913" not in client.get(listing).content.decode()
    deliveries_send()
    console = client.get(reverse("phonemessage:index")).content.decode()
    assert "+6281311110001" in console and "482913" not in console
