"""How notifications plug into the site shell and the Wagtail admin.

Managers see, read-only, what was sent to whom and when, and what failed and why.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.hooks import LOAD_DEMO_DATA, PARTICIPANT_HOME_PANELS, HomePanel
from cms.models import Role
from notifications import selectors
from notifications.models import Delivery, Notification, Reminder


@hooks.register(PARTICIPANT_HOME_PANELS)
def unread_panel(request):
    count = selectors.unread_count_for_request(request)
    if not count:
        return []
    latest = selectors.inbox(user=request.user, limit=20)
    unread = [n for n in latest if not n.is_read][:3]
    return [
        HomePanel(
            "notifications/panels/unread.html",
            {"notifications": unread, "count": count},
            order=10,
        )
    ]


@hooks.register(LOAD_DEMO_DATA)
def load_demo(*, stdout=None):
    from notifications import demo

    created = demo.load(stdout)
    if stdout is not None and created:
        stdout.write(f"notifications: {created} demo inbox entries")


class ManagersMayLook(BasePermissionPolicy):
    """Programme managers may look; nobody adds, edits or deletes through the admin."""

    def user_has_permission(self, user, action):
        return (
            action == "view"
            and user.is_active
            and (user.is_superuser or user.has_role(Role.MANAGER))
        )

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        if "view" not in actions:
            return users.none()
        return users.filter(Q(is_superuser=True) | Q(groups__name=Role.MANAGER)).distinct()


for _model in (Notification, Delivery, Reminder):
    register_permission_policy(_model, ManagersMayLook(_model))


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    # Never reachable (nobody may add or edit), but a ModelViewSet needs a form definition.
    form_fields = ["status"]


class DeliveryViewSet(ReadOnlyViewSet):
    model = Delivery
    menu_label = _("Push deliveries")
    icon = "mail"
    list_display = [
        "notification",
        "notification__recipient",
        "status",
        "status_code",
        "attempts",
        "reason",
        "sent_at",
        "updated_at",
    ]
    list_filter = ["status", "status_code", "channel"]
    search_fields = ["reason", "endpoint", "notification__title"]
    inspect_view_fields = [
        "notification",
        "channel",
        "endpoint",
        "status",
        "status_code",
        "attempts",
        "reason",
        "next_attempt_at",
        "sent_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return Delivery.objects.select_related("notification__recipient")


class NotificationViewSet(ReadOnlyViewSet):
    model = Notification
    menu_label = _("Sent notifications")
    form_fields = ["title"]
    icon = "info-circle"
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", "language"]
    search_fields = ["title", "body"]

    def get_queryset(self, request):
        return Notification.objects.select_related("recipient")


class ReminderViewSet(ReadOnlyViewSet):
    model = Reminder
    menu_label = _("Scheduled reminders")
    icon = "time"
    list_display = ["kind", "recipient", "scheduled_for", "expires_at", "status", "processed_at"]
    list_filter = ["status", "kind"]
    search_fields = ["kind"]

    def get_queryset(self, request):
        return Reminder.objects.select_related("recipient")


class NotificationsGroup(ModelViewSetGroup):
    menu_label = _("Notifications")
    menu_icon = "mail"
    menu_order = 400
    items = (NotificationViewSet, DeliveryViewSet, ReminderViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NotificationsGroup()
