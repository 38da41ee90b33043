"""What other apps call: telling people things, reminding them, their inbox and devices.

- ``notify``: an inbox entry in the person's language now, and its delivery after commit
  (``services/inbox.py``).
- ``reminder_schedule`` / ``reminders_cancel``: reminders that fall due later
  (``services/reminders.py``); ``reminders_process_due`` turns due ones into notifications.
- ``notifications_escalate`` / ``secrets_wipe``: urgent kinds to the next channel when nothing
  was delivered in time; secret texts wiped once sent (``services/routing.py``).
- ``notifications_withdraw``: what was said about an object no longer holds (a booking
  cancelled): its entries are marked read and shown as withdrawn, unsent pushes are dropped.
- ``notifications_mark_read``, ``subscription_save`` / ``subscription_delete``,
  ``settings_update``: the person's inbox, devices and choices.

Sending is the delivery layer's (``notifications.delivery``): claiming due deliveries, handing
them to their channel (``notifications.channels``), recording outcomes and retries. This
package never imports it; it announces new deliveries through ``notifications.signals``.
"""

from notifications.services.inbox import notifications_mark_read, notifications_withdraw, notify
from notifications.services.pruning import notifications_prune
from notifications.services.quiet_hours import quiet_hours_end
from notifications.services.reminders import (
    reminder_schedule,
    reminders_cancel,
    reminders_due_count,
    reminders_process_due,
)
from notifications.services.rendering import notification_render
from notifications.services.routing import notifications_escalate, paid_spent, secrets_wipe
from notifications.services.subscriptions import (
    EndpointRefused,
    settings_update,
    subscription_delete,
    subscription_save,
)

__all__ = [
    "EndpointRefused",
    "notification_render",
    "notifications_escalate",
    "notifications_mark_read",
    "notifications_prune",
    "notifications_withdraw",
    "notify",
    "quiet_hours_end",
    "paid_spent",
    "reminder_schedule",
    "reminders_cancel",
    "reminders_due_count",
    "reminders_process_due",
    "secrets_wipe",
    "settings_update",
    "subscription_delete",
    "subscription_save",
]
