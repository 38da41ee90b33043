"""``notifications_withdraw``: what was said about an object no longer holds."""

import pytest

from notifications import services
from notifications.models import Delivery, DeliveryStatus, Notification, PushSubscription

pytestmark = pytest.mark.django_db


def test_withdraw_marks_read_drops_unsent_pushes_and_leaves_others(participant, facilitator):
    PushSubscription.objects.create(
        user=participant, endpoint="https://push.example.org/a", p256dh="k", auth="a"
    )
    about = services.notify(recipient=participant, kind="x_booked", url="/", obj=facilitator)
    other_kind = services.notify(recipient=participant, kind="x_other", url="/", obj=facilitator)
    other_obj = services.notify(recipient=participant, kind="x_booked", url="/", obj=participant)
    assert Delivery.objects.filter(notification=about, status=DeliveryStatus.PENDING).exists()

    assert services.notifications_withdraw(obj=facilitator, kinds=["x_booked"]) == 1
    about.refresh_from_db()
    assert about.is_read and about.is_withdrawn
    assert Delivery.objects.get(notification=about).status == DeliveryStatus.SKIPPED
    for untouched in (other_kind, other_obj):
        untouched.refresh_from_db()
        assert not untouched.is_read and not untouched.is_withdrawn
    # again: nothing more to withdraw
    assert services.notifications_withdraw(obj=facilitator, kinds=["x_booked"]) == 0
    assert Notification.objects.filter(withdrawn_at__isnull=False).count() == 1
