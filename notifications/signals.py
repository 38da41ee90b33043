"""Signals between the layers of the notifications app.

The scheduler (``services``) and the delivery layer (``delivery``) never import the Celery
tasks: they say that something is due, and ``tasks`` (connected in ``NotificationsConfig.ready``)
queues the work. That keeps the imports pointing one way: tasks -> services/delivery -> models.
"""

from django.dispatch import Signal

# New deliveries that are due now, sent after their transaction commits. Argument: ``ids``.
deliveries_due = Signal()

# A retry falls due soon (within a minute). Argument: ``countdown`` (seconds from now).
retry_due = Signal()
