"""Forms of the notifications app: reminder settings, and a browser's push subscription."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications import kinds
from notifications.models import default_channel_order

CHANNEL_CHOICES = [
    ("webpush", _("Notification on this phone (free)")),
    ("whatsapp", _("WhatsApp")),
    ("sms", _("SMS")),
]
ORDER_FIELDS = ("channel_1", "channel_2", "channel_3")


def kind_groups(user) -> list[tuple[str, str, list[str]]]:
    """The kinds a person may switch, grouped by their label: (key, label, kind names)."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for kind in kinds.all_kinds():
        if kind.audience and not any(user.has_role(role) for role in kind.audience):
            continue
        if kind.secret:
            continue  # a code or link the person asked for is never switched off
        label = str(kind.label)
        groups.setdefault(label, (kind.name, []))[1].append(kind.name)
    return [(key, label, names) for label, (key, names) in groups.items()]


class ReminderSettingsForm(forms.Form):
    """Which kinds may buzz the phone, the quiet hours, and the order of the ways to reach
    the person."""

    # Not required: a form without them (an older page) leaves the order as it was.
    channel_1 = forms.ChoiceField(label=_("First try"), choices=CHANNEL_CHOICES, required=False)
    channel_2 = forms.ChoiceField(
        label=_("If that does not reach me"), choices=CHANNEL_CHOICES, required=False
    )
    channel_3 = forms.ChoiceField(label=_("Last"), choices=CHANNEL_CHOICES, required=False)

    pushed = forms.MultipleChoiceField(
        label=_("Send these to my phone"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everything always appears in your inbox, pushed or not."),
    )
    quiet_start = forms.TimeField(
        label=_("Quiet hours from"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("No reminders buzz your phone between these times (your time zone)."),
    )
    quiet_end = forms.TimeField(
        label=_("Quiet hours until"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("A reminder due in between comes at this time, if it is still useful."),
    )

    def __init__(self, *args, user, current=None, **kwargs):
        self.groups = kind_groups(user)
        initial = kwargs.pop("initial", {})
        if current is not None:
            muted = set(current.muted_kinds or [])
            initial = {
                "pushed": [key for key, _label, names in self.groups if not set(names) <= muted],
                "quiet_start": current.quiet_start,
                "quiet_end": current.quiet_end,
                **dict(zip(ORDER_FIELDS, channel_order(current), strict=True)),
                **initial,
            }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["pushed"].choices = [(key, label) for key, label, _names in self.groups]

    def clean(self):
        cleaned = super().clean()
        order = [cleaned.get(name) for name in ORDER_FIELDS]
        if any(order) and len(set(order)) != len(order) or None in order and any(order):
            raise forms.ValidationError(_("Choose each way once: push, WhatsApp and SMS."))
        return cleaned

    def channel_order(self) -> list[str] | None:
        order = [self.cleaned_data.get(name) for name in ORDER_FIELDS]
        return order if all(order) else None

    def muted_kinds(self) -> list[str]:
        pushed = set(self.cleaned_data["pushed"])
        return sorted(
            name for key, _label, names in self.groups if key not in pushed for name in names
        )


def channel_order(current) -> list[str]:
    """The person's saved order, completed with any channel it does not name."""
    saved = [name for name in (current.channel_order or []) if name in default_channel_order()]
    return saved + [name for name in default_channel_order() if name not in saved]


class SubscriptionForm(forms.Form):
    """A PushSubscription as the browser's ``toJSON()`` gives it. Whether the endpoint may be
    used (https, a public address) is the service's rule: ``services.subscription_save``."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=200)
    auth = forms.CharField(max_length=100)

    def clean_p256dh(self):
        return self._b64url("p256dh", 65)

    def clean_auth(self):
        return self._b64url("auth", 16)

    def _b64url(self, name: str, size: int) -> str:
        import base64

        value = self.cleaned_data[name].strip()
        try:
            raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        except ValueError as error:
            raise forms.ValidationError(_("Not a valid key.")) from error
        if len(raw) != size:
            raise forms.ValidationError(_("Not a valid key."))
        return value
