"""Demo data for notifications: VAPID keys for local use and a few inbox entries.

Idempotent: the key file is written only when missing; a notification is added only when the
demo person has none of that kind yet.
"""

import datetime
import json

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.models import Role, User
from notifications import kinds, services
from notifications.channels.webpush import generate_vapid_keys
from notifications.models import Notification

DEMO_KINDS = {
    "welcome": {
        "title": _("Welcome to Berdaya"),
        "body": _("Reminders about your clinics and assignments will appear here."),
        "url": "notifications:settings",
    },
    "reminders_tip": {
        "title": _("Turn on reminders"),
        "body": _("Get a reminder on this phone before your coaching clinic."),
        "url": "notifications:settings",
    },
}


def register_kinds() -> None:
    """The demo messages' kinds, registered when the demo is loaded (safe to call again)."""
    for name, spec in DEMO_KINDS.items():
        kinds.register(f"demo_{name}", title=spec["title"], body=spec["body"], urgency="low")


def vapid_key_file():
    return settings.BASE_DIR / "var" / "vapid.json"


def ensure_vapid_keys(stdout=None) -> bool:
    """Write local VAPID keys to var/vapid.json unless keys exist; True if it wrote them."""
    if settings.WEBPUSH_VAPID_PRIVATE_KEY or vapid_key_file().exists():
        return False
    private, public = generate_vapid_keys()
    path = vapid_key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"private": private, "public": public}))
    path.chmod(0o600)
    if stdout is not None:
        stdout.write(f"VAPID keys for local use written to {path}")
    return True


def load(stdout=None) -> int:
    from django.urls import reverse
    from django.utils import translation

    ensure_vapid_keys(stdout)
    register_kinds()
    created = 0
    people = User.objects.filter(groups__name=Role.PARTICIPANT, mobile__contains="81200000")
    for person in people:
        for index, (name, spec) in enumerate(DEMO_KINDS.items()):
            kind = f"demo_{name}"
            if Notification.objects.filter(recipient=person, kind=kind).exists():
                continue
            with translation.override(person.preferred_language):
                url = reverse(spec["url"])
            notification = services.notify(recipient=person, kind=kind, url=url)
            Notification.objects.filter(pk=notification.pk).update(
                created_at=timezone.now() - datetime.timedelta(hours=2 * (2 - index))
            )
            created += 1
    return created
