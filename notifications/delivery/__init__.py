"""The delivery layer: claiming due deliveries, sending them through their channel, recording
outcomes and retries. The Celery tasks call it; the scheduler (``notifications.services``) does
not: it announces new deliveries through ``notifications.signals``.
"""

from notifications.delivery.claims import (
    SENDING_FIELDS,
    claims_renew,
    deliveries_claim,
    deliveries_due_ids,
)
from notifications.delivery.outcomes import outcome, parse_retry_after, retry_delay
from notifications.delivery.sending import deliveries_send

__all__ = [
    "SENDING_FIELDS",
    "claims_renew",
    "deliveries_claim",
    "deliveries_due_ids",
    "deliveries_send",
    "outcome",
    "parse_retry_after",
    "retry_delay",
]
