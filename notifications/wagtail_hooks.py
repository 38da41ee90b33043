"""How notifications plug into the site shell and the Wagtail admin.

Managers see, read-only, what was sent to whom and when, and what failed and why.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.admin_times import ZonedInspectView, zoned_column
from cms.hooks import LOAD_DEMO_DATA, PARTICIPANT_HOME_PANELS, SERVICE_WORKER_SCRIPTS, HomePanel
from cms.models import Role
from notifications import kinds, selectors
from notifications.models import Delivery, Notification, PhoneMessage, Reminder


@hooks.register(SERVICE_WORKER_SCRIPTS)
def push_worker_script():
    """The site's service worker (cms) shows push notifications with this script."""
    return ["notifications/sw-push.js"]


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


for _model in (Notification, Delivery, Reminder, PhoneMessage):
    register_permission_policy(_model, ManagersMayLook(_model))


class KindFilterSet(WagtailFilterSet):
    """The kind filter lists kinds by what they are called, not by their code names."""

    kind = django_filters.ChoiceFilter(
        label=_("kind"),
        choices=lambda: sorted(
            ((kind.name, kinds.kind_label(kind.name)) for kind in kinds.all_kinds()),
            key=lambda choice: str(choice[1]),
        ),
    )


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    inspect_view_class = ZonedInspectView
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
        zoned_column(Delivery, "sent_at"),
        zoned_column(Delivery, "updated_at"),
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
    list_display = [
        "title",
        "recipient",
        "get_kind_display",
        zoned_column(Notification, "created_at"),
        zoned_column(Notification, "read_at"),
    ]

    class filterset_class(KindFilterSet):
        class Meta:
            model = Notification
            fields = ["kind", "language"]

    search_fields = ["title", "body"]

    def get_queryset(self, request):
        # A secret kind (a sign-in code) is shown only once its text was wiped: nobody but the
        # person ever reads the code.
        unwiped_secret = Q(secret=True) & ~Q(title="")
        return Notification.objects.exclude(unwiped_secret).select_related("recipient")


class ReminderViewSet(ReadOnlyViewSet):
    model = Reminder
    menu_label = _("Scheduled reminders")
    icon = "time"
    list_display = [
        "get_kind_display",
        "recipient",
        zoned_column(Reminder, "scheduled_for"),
        zoned_column(Reminder, "expires_at"),
        "status",
        zoned_column(Reminder, "processed_at"),
    ]

    class filterset_class(KindFilterSet):
        class Meta:
            model = Reminder
            fields = ["status", "kind"]

    search_fields = ["kind"]

    def get_queryset(self, request):
        return Reminder.objects.select_related("recipient")


class PhoneMessageViewSet(ReadOnlyViewSet):
    """What the console backend "sent" on WhatsApp and SMS (where no gateway is configured)."""

    model = PhoneMessage
    menu_label = _("WhatsApp / SMS (console)")
    icon = "mail"
    form_fields = ["to"]
    list_display = ["to", "channel", "template", "text", "created_at"]
    list_filter = ["channel", "template"]
    search_fields = ["to", "text"]
    inspect_view_fields = ["channel", "to", "template", "language", "params", "text", "created_at"]


class _ManagersOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return ManagersMayLook(Delivery).user_has_permission(request.user, "view")


class PaidMessagesViewSet(ViewSet):
    """This month's paid messages (WhatsApp, SMS): spent, the caps, and whether a cap stopped
    sending."""

    name = "notifications_paid"
    icon = "doc-full"
    menu_label = _("Paid messages")
    menu_item_class = _ManagersOnlyMenuItem

    def get_urlpatterns(self):
        return [path("", self.index_view, name="index")]

    def index_view(self, request):
        if not ManagersMayLook(Delivery).user_has_permission(request.user, "view"):
            raise PermissionDenied
        return render(
            request, "notifications/admin/paid_messages.html", selectors.paid_messages_month()
        )


class NotificationsGroup(ModelViewSetGroup):
    menu_label = _("Notifications")
    menu_icon = "mail"
    menu_order = 400
    items = (
        NotificationViewSet,
        DeliveryViewSet,
        ReminderViewSet,
        PhoneMessageViewSet,
        PaidMessagesViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return NotificationsGroup()
