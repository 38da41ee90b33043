"""The demo loader's notifications part: VAPID keys for local use, a few inbox entries, once."""

import json

import pytest

from notifications import demo
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_demo_notifications_are_added_once(demo_site, settings, tmp_path, monkeypatch):
    settings.WEBPUSH_VAPID_PRIVATE_KEY = ""
    monkeypatch.setattr(demo, "vapid_key_file", lambda: tmp_path / "vapid.json")
    first = demo.load()
    assert first >= 2
    keys = json.loads((tmp_path / "vapid.json").read_text())
    assert len(keys["private"]) == 43 and len(keys["public"]) == 87
    assert demo.load() == 0
    assert (tmp_path / "vapid.json").read_text() == json.dumps(keys)  # kept, not replaced
    siti = Notification.objects.filter(recipient__mobile="+6281200000001")
    assert siti.count() == 2
    assert siti.first().title in {"Selamat datang di Berdaya", "Aktifkan pengingat"}
