"""Notifications: the inbox, push subscriptions, scheduled reminders and the outcome of each push.

A notification is what a person is told (one inbox entry, in their language). Each of their
push subscriptions gets one ``Delivery`` row for it, which records what the push service said.
A ``Reminder`` is a notification that is due later: a periodic task turns due reminders into
notifications, once.
"""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.zoned import zoned_text
from notifications.devices import device_label
from notifications.kinds import kind_label


class Notification(models.Model):
    """One entry in a person's inbox, already rendered in their language."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # notif_inbox_idx starts with it; a second index only slows inserts
    )
    kind = models.CharField(_("kind"), max_length=50, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(
        _("link"), max_length=500, blank=True, help_text=_("The page a tap opens.")
    )
    language = models.CharField(_("language"), max_length=5, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about (type)"),
    )
    object_id = models.CharField(_("about (ID)"), max_length=64, blank=True)
    about = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(
        _("useful until"),
        null=True,
        blank=True,
        help_text=_("A push that would arrive after this is not sent."),
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(
        _("no longer holds since"),
        null=True,
        blank=True,
        help_text=_("Set when what it said stopped being true (a booking cancelled since)."),
    )
    reminder = models.OneToOneField(
        "Reminder",
        verbose_name=_("reminder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notification",
        help_text=_("The reminder this notification was sent for, if any."),
    )
    # A secret kind's text (a one-time code): never listed in the inbox, wiped once sent.
    secret = models.BooleanField(_("secret"), default=False)
    # What WhatsApp and SMS send, rendered in the person's language when the notification is
    # created (template name, its ordered parameters, the SMS text); empty for inbox kinds.
    phone_message = models.JSONField(_("WhatsApp / SMS message"), default=dict, blank=True)
    # Urgent kinds: when to look again whether it reached the person, and if not, try the next
    # channel in their order. Null once it was delivered or no channel is left.
    escalate_at = models.DateTimeField(_("escalate at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["recipient", "-created_at"],
                name="notif_inbox_idx",
            ),
            models.Index(
                fields=["recipient"],
                name="notif_unread_idx",
                condition=models.Q(read_at__isnull=True),
            ),
            models.Index(
                fields=["escalate_at"],
                name="notif_escalate_idx",
                condition=models.Q(escalate_at__isnull=False),
            ),
            models.Index(
                fields=["expires_at"],
                name="notif_secret_idx",
                condition=models.Q(secret=True) & ~models.Q(title=""),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_kind_display(self) -> str:
        return kind_label(self.kind)

    get_kind_display.short_description = _("kind")

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class PushSubscription(models.Model):
    """One device (browser) of a person that agreed to receive push messages."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="push_subscriptions",
    )
    endpoint = models.URLField(_("endpoint"), max_length=1000, unique=True)
    p256dh = models.CharField(_("public key"), max_length=200)
    auth = models.CharField(_("auth secret"), max_length=100)
    user_agent = models.CharField(_("device"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_success_at = models.DateTimeField(_("last delivered"), null=True, blank=True)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.device_label}"

    @property
    def device_label(self) -> str:
        return device_label(self.user_agent)

    def as_subscription_info(self) -> dict:
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    RETRYING = "retrying", _("will be retried")
    DELIVERED = "delivered", _("delivered")
    GONE = "gone", _("device gone (subscription removed)")
    FAILED = "failed", _("failed")
    SKIPPED = "skipped", _("not sent")


class Delivery(models.Model):
    """The sending of one notification to one address on one channel (today: one web push
    subscription), and what the remote service answered.

    Rows are claimed by a worker (``sending`` with ``claimed_at``, renewed while its batch runs);
    a claim older than the claim timeout belongs to a worker that died and is taken over.
    """

    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notification"),
        on_delete=models.CASCADE,
        related_name="deliveries",
        db_index=False,  # delivery_once_per_endpoint starts with it
    )
    subscription = models.ForeignKey(
        PushSubscription,
        verbose_name=_("subscription"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    channel = models.CharField(
        _("channel"),
        max_length=20,
        default="webpush",
        help_text=_("How it is sent: web push, or a channel another app registers."),
    )
    endpoint = models.URLField(_("endpoint"), max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
    )
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_at = models.DateTimeField(_("taken by a worker at"), null=True, blank=True)
    claim_token = models.CharField(_("worker's claim"), max_length=32, blank=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("push delivery")
        verbose_name_plural = _("push deliveries")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "endpoint"], name="delivery_once_per_endpoint"
            )
        ]
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="delivery_due_idx",
                condition=models.Q(status__in=["pending", "retrying", "sending"]),
            ),
            # The monthly count of paid messages (caps, spending) reads only these rows.
            models.Index(
                fields=["notification"],
                name="delivery_paid_idx",
                condition=models.Q(channel__in=["whatsapp", "sms"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.notification} → {self.endpoint[:40]} ({self.status})"


class ReminderStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("scheduled")
    SENT = "sent", _("sent")
    CANCELLED = "cancelled", _("cancelled")
    EXPIRED = "expired", _("too late, not sent")
    SKIPPED = "skipped", _("no longer needed")


class Reminder(models.Model):
    """A notification due at a given time about an object (a booking, an assignment...).

    Unique per (recipient, kind, object, scheduled time): scheduling the same reminder twice
    changes nothing, and the periodic task turns each one into one notification.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=50)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("about (type)"),
    )
    object_id = models.CharField(_("about (ID)"), max_length=64)
    about = GenericForeignKey("content_type", "object_id")
    scheduled_for = models.DateTimeField(_("due at"))
    expires_at = models.DateTimeField(
        _("useful until"),
        null=True,
        blank=True,
        help_text=_("Not sent after this time (for a clinic reminder: when the clinic starts)."),
    )
    url = models.CharField(_("link"), max_length=500, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReminderStatus.choices,
        default=ReminderStatus.SCHEDULED,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["scheduled_for", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "scheduled_for"],
                name="reminder_once",
            )
        ]
        indexes = [
            models.Index(
                fields=["scheduled_for"],
                name="reminder_due_idx",
                condition=models.Q(status="scheduled"),
            ),
            models.Index(fields=["content_type", "object_id"], name="reminder_object_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient} · {zoned_text(self.scheduled_for)}"

    def get_kind_display(self) -> str:
        return kind_label(self.kind)

    get_kind_display.short_description = _("kind")


def default_quiet_start() -> datetime.time:
    return datetime.time(21, 0)


def default_quiet_end() -> datetime.time:
    return datetime.time(6, 0)


def default_channel_order() -> list[str]:
    return ["webpush", "whatsapp", "sms"]


class NotificationSettings(models.Model):
    """A person's choices: which kinds may buzz their phone, and when not to."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    quiet_start = models.TimeField(
        _("quiet hours start"),
        default=default_quiet_start,
        help_text=_("No push from this time (in your time zone)…"),
    )
    quiet_end = models.TimeField(
        _("quiet hours end"),
        default=default_quiet_end,
        help_text=_("…until this time. Reminders due in between come at the end."),
    )
    muted_kinds = models.JSONField(
        _("kinds not pushed"),
        default=list,
        blank=True,
        help_text=_("These still appear in the inbox."),
    )
    channel_order = models.JSONField(
        _("channel order"),
        default=default_channel_order,
        blank=True,
        help_text=_("How to reach the person, first choice first (web push, WhatsApp, SMS)."),
    )

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self) -> str:
        return str(self.user)


class PhoneMessage(models.Model):
    """A WhatsApp or SMS message the console backend "sent": kept here for managers to read
    (the embedded default, where no gateway is configured). One per delivery."""

    delivery = models.OneToOneField(
        Delivery,
        verbose_name=_("delivery"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="phone_message_sent",
    )
    channel = models.CharField(_("channel"), max_length=20)
    to = models.CharField(_("to"), max_length=32, db_index=True)
    template = models.CharField(_("template"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=5, blank=True)
    params = models.JSONField(_("template parameters"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("WhatsApp / SMS message (console)")
        verbose_name_plural = _("WhatsApp / SMS messages (console)")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.channel} → {self.to}: {self.template or self.text[:40]}"
