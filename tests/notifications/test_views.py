"""The inbox, the bell, reminder settings, subscriptions and the service worker: only one's own."""

import json

import pytest
from django.urls import reverse

from notifications import services
from notifications.models import Notification, NotificationSettings, PushSubscription

from .conftest import VAPID_PUBLIC

pytestmark = pytest.mark.django_db

KEY_65 = VAPID_PUBLIC  # any uncompressed P-256 point will do as a p256dh
AUTH_16 = "AAECAwQFBgcICQoLDA0ODw"


def _error_shown(response) -> bool:
    """The page says, as an error message, that it did not find the thing."""
    return any(m.level_tag == "error" for m in response.context["messages"])


@pytest.fixture
def other(make_user):
    return make_user("participants", "081311118888", name="Other Person")


def test_inbox_shows_only_ones_own_and_the_bell_counts_unread(client, participant, other):
    services.notify(recipient=participant, kind="x", url="/id/")
    services.notify(recipient=participant, kind="x", url="/id/")
    secret = services.notify(recipient=other, kind="x", url="/id/")
    Notification.objects.filter(pk=secret.pk).update(title="Other's secret")
    client.force_login(participant)
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert "Other&#x27;s secret" not in response.content.decode()
    assert len(response.context["notifications"]) == 2
    assert 'data-unread="2"' in response.content.decode()


def test_opening_marks_read_and_goes_to_the_page(client, participant):
    notification = services.notify(recipient=participant, kind="x", url="/id/coaching/")
    client.force_login(participant)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/id/coaching/"
    notification.refresh_from_db()
    assert notification.is_read


def test_someone_elses_notification_is_not_found(client, participant, other):
    theirs = services.notify(recipient=other, kind="x", url="/id/")
    client.force_login(participant)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    client.post(reverse("notifications:mark_read"), {"id": theirs.pk})
    theirs.refresh_from_db()
    assert not theirs.is_read


def test_mark_one_and_mark_all(client, participant, other):
    first = services.notify(recipient=participant, kind="x", url="/")
    services.notify(recipient=participant, kind="x", url="/")
    theirs = services.notify(recipient=other, kind="x", url="/")
    client.force_login(participant)
    client.post(reverse("notifications:mark_read"), {"id": first.pk})
    assert Notification.objects.filter(recipient=participant, read_at__isnull=True).count() == 1
    client.post(reverse("notifications:mark_read"))
    assert Notification.objects.filter(recipient=participant, read_at__isnull=True).count() == 0
    theirs.refresh_from_db()
    assert not theirs.is_read
    response = client.post(reverse("notifications:mark_read"), {"id": "abc"}, follow=True)
    assert response.status_code == 200 and _error_shown(response)


def test_an_unsafe_link_is_not_followed(client, participant):
    notification = services.notify(recipient=participant, kind="x", url="https://evil.example/")
    client.force_login(participant)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/"


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_subscribe_stores_a_device_and_rejects_bad_input(client, participant, public_push_hosts):
    client.force_login(participant)
    url = reverse("notifications:subscribe")
    body = {
        "endpoint": "https://push.example.org/abc",
        "keys": {"p256dh": KEY_65, "auth": AUTH_16},
    }
    response = client.post(
        url, json.dumps(body), content_type="application/json", HTTP_USER_AGENT="Android Chrome"
    )
    assert response.status_code == 200 and response.json()["ok"]
    assert PushSubscription.objects.get().user == participant
    for bad in (
        {**body, "endpoint": "ftp://x"},
        {**body, "keys": {"p256dh": "short", "auth": AUTH_16}},
        {"endpoint": "https://push.example.org/x"},
        [],
    ):
        response = client.post(url, json.dumps(bad), content_type="application/json")
        assert response.status_code == 400
    response = client.post(url, b"{not json", content_type="application/json")
    assert response.status_code == 400
    assert PushSubscription.objects.count() == 1


def test_a_person_has_several_devices_and_turns_one_off(
    client, participant, other, public_push_hosts
):
    for n in range(2):
        services.subscription_save(
            user=participant, endpoint=f"https://p.example/{n}", p256dh=KEY_65, auth=AUTH_16
        )
    theirs = services.subscription_save(
        user=other, endpoint="https://p.example/theirs", p256dh=KEY_65, auth=AUTH_16
    )
    client.force_login(participant)
    page = client.get(reverse("notifications:settings"))
    assert len(page.context["devices"]) == 2
    mine = participant.push_subscriptions.get(endpoint="https://p.example/0")
    client.post(reverse("notifications:unsubscribe"), {"id": mine.pk})
    assert participant.push_subscriptions.count() == 1
    response = client.post(reverse("notifications:unsubscribe"), {"id": theirs.pk}, follow=True)
    assert PushSubscription.objects.filter(pk=theirs.pk).exists()
    assert _error_shown(response)
    response = client.post(
        reverse("notifications:unsubscribe"),
        json.dumps({"endpoint": "https://p.example/1"}),
        content_type="application/json",
    )
    assert response.json()["removed"] == 1


def test_settings_save_quiet_hours_and_kinds(client, participant):
    from notifications import kinds

    kinds.register("pref_a", title="A", label="Clinic reminders")
    kinds.register("pref_b", title="B", label="Clinic reminders")
    kinds.register("pref_c", title="C", label="Assignment reminders")
    client.force_login(participant)
    page = client.get(reverse("notifications:settings"))
    html = page.content.decode()
    assert "Turn on reminders" in html or "Aktifkan pengingat" in html
    assert 'data-key="' + VAPID_PUBLIC in html
    choices = dict(page.context["form"].fields["pushed"].choices)
    assert "pref_a" in choices and "pref_b" not in choices  # same label: one switch
    response = client.post(
        reverse("notifications:settings"),
        {"quiet_start": "22:00", "quiet_end": "05:30", "pushed": ["pref_c"]},
    )
    assert response.status_code == 302
    saved = NotificationSettings.objects.get(user=participant)
    assert saved.quiet_start.hour == 22 and saved.quiet_end.minute == 30
    assert {"pref_a", "pref_b"} <= set(saved.muted_kinds) and "pref_c" not in saved.muted_kinds
    response = client.post(reverse("notifications:settings"), {"quiet_start": "25:99"})
    assert response.status_code == 200 and response.context["form"].errors


def test_service_worker_at_the_root_shows_pushes(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript"
    # cms serves the worker; notifications' push section is one of the scripts it imports
    assert b'importScripts("/static/notifications/sw-push.js"' in response.content
    from django.contrib.staticfiles import finders

    with open(finders.find("notifications/sw-push.js")) as push:
        assert "notificationclick" in push.read()


def test_admin_views_are_for_managers(client, participant, facilitator, manager, public_push_hosts):
    services.notify(recipient=participant, kind="x", url="/")
    index_urls = [
        reverse("wagtailadmin_home") + path for path in ("notification/", "delivery/", "reminder/")
    ]
    services.subscription_save(
        user=participant, endpoint="https://p.example/gone", p256dh=KEY_65, auth=AUTH_16
    )
    notification = services.notify(recipient=participant, kind="x", url="/")
    delivery = notification.deliveries.get()
    delivery.status, delivery.status_code, delivery.reason = "gone", 410, "HTTP 410: expired"
    delivery.save()
    client.force_login(manager)
    for index in index_urls:
        assert client.get(index).status_code == 200, index
    listing = client.get(index_urls[1]).content.decode()
    assert "HTTP 410: expired" in listing and "Ani Participant" in listing
    inspect = client.get(f"{index_urls[1]}inspect/{delivery.pk}/")
    assert inspect.status_code == 200 and "HTTP 410: expired" in inspect.content.decode()
    assert client.get(f"{index_urls[1]}edit/{delivery.pk}/").status_code in (302, 403)
    client.force_login(facilitator)
    for index in index_urls:
        assert client.get(index).status_code in (302, 403), index


def test_home_shows_unread_notifications(client, demo_site, participant):
    services.notify(recipient=participant, kind="x", url="/id/notifications/")
    client.force_login(participant)
    response = client.get("/id/")
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("notifications:open", args=[Notification.objects.get().pk]) in html
    assert 'data-unread="1"' in html


def test_settings_show_and_save_the_order_of_channels(client, participant):
    client.force_login(participant)
    url = reverse("notifications:settings")
    page = client.get(url)
    html = page.content.decode()
    assert 'id="channels"' in html and participant.mobile_display in html
    assert [page.context["form"][f"channel_{i}"].value() for i in (1, 2, 3)] == [
        "webpush",
        "whatsapp",
        "sms",
    ]
    assert 'id="iphone-home-screen"' not in html
    order = {"channel_1": "sms", "channel_2": "webpush", "channel_3": "whatsapp"}
    response = client.post(url, {"quiet_start": "21:00", "quiet_end": "06:00", **order})
    assert response.status_code == 302
    saved = NotificationSettings.objects.get(user=participant)
    assert saved.channel_order == ["sms", "webpush", "whatsapp"]
    twice = {"channel_1": "sms", "channel_2": "sms", "channel_3": "whatsapp"}
    response = client.post(url, {"quiet_start": "21:00", "quiet_end": "06:00", **twice})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert client.post(url, {"quiet_start": "21:00", "quiet_end": "06:00", "channel_1": "fax"})
    saved.refresh_from_db()
    assert saved.channel_order == ["sms", "webpush", "whatsapp"]


def test_on_an_iphone_the_page_says_to_add_the_site_to_the_home_screen(client, participant):
    client.force_login(participant)
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) Version/17.4 Mobile Safari"
    html = client.get(reverse("notifications:settings"), HTTP_USER_AGENT=iphone).content.decode()
    assert 'id="iphone-home-screen"' in html
