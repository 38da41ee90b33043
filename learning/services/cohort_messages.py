"""A facilitator's message to the whole cohort: bounded text, a daily cap per cohort."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.models import User

from .. import selectors, signals
from ..models import Cohort, CohortMessage

MESSAGES_PER_DAY = 3


def cohort_message_send(
    *, cohort: Cohort, by: User, text: str, important: bool = False
) -> CohortMessage:
    """Send ``text`` to everyone enrolled in ``cohort`` (after commit, ``learning.notices``).

    At most ``MESSAGES_PER_DAY`` in any 24 hours per cohort, counted under a lock on the cohort
    so two facilitators sending at once cannot pass it. A refused message changes nothing.
    """
    if not selectors.can_manage_cohort(user=by, cohort=cohort):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the message first."), code="empty")
    if len(text) > CohortMessage.MAX_LENGTH:
        raise ValidationError(
            _("A message has at most %(max)s characters."),
            code="too_long",
            params={"max": CohortMessage.MAX_LENGTH},
        )
    now = timezone.now()
    with transaction.atomic():
        Cohort.objects.select_for_update().filter(pk=cohort.pk).first()
        sent = CohortMessage.objects.filter(
            cohort=cohort, created_at__gt=now - datetime.timedelta(days=1)
        ).count()
        if sent >= MESSAGES_PER_DAY:
            raise ValidationError(
                _(
                    "This cohort was sent %(count)s messages in the last 24 hours, the most "
                    "there may be. Try again tomorrow."
                ),
                code="daily_cap",
                params={"count": sent},
            )
        participants = list(
            User.objects.filter(enrolments__cohort=cohort, is_active=True).distinct()
        )
        message = CohortMessage.objects.create(
            cohort=cohort,
            sent_by=by,
            text=text,
            important=important,
            recipients=len(participants),
            created_at=now,
        )
        transaction.on_commit(
            lambda: signals.cohort_message_sent.send(
                sender=CohortMessage, message=message, participants=participants
            )
        )
    return message
