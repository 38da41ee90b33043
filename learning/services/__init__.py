"""Writes of the learning app. Each service is the one place its rule is enforced.

Operations that can race rely on the database: unique constraints with get_or_create
(ON CONFLICT semantics) for "mark as done" and attendance, row locks for submission versions
and reviews. Signals are sent after commit (see :mod:`learning.signals`).

The services live in modules by subject; every public name is re-exported here, so callers
keep writing ``from learning import services`` / ``services.enrolment_create``.
"""

from .assignments import (
    assignment_create,
    assignment_set_closed,
    submission_create,
    submission_review,
)
from .cohort_messages import MESSAGES_PER_DAY, cohort_message_send
from .enrolment import cohort_by_code, cohort_create, cohort_join, enrolment_create
from .invitation_links import (
    CODE_TRIES,
    MAX_SENDS,
    RESEND_INTERVAL,
    invitation_accept_with_link,
    invitation_by_token,
    invitation_claim_by_code,
    invitation_decline_with_link,
    invitation_resend,
)
from .invitations import (
    INVITATION_LIFETIME,
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitations_expire,
)
from .participants import (
    EnrolOutcome,
    cohort_import,
    participant_create_or_get,
    participant_enrol,
    participant_enrol_by_mobile,
)
from .progress import lesson_mark_done, lesson_visit, reflection_save, stage_open_early
from .workshops import attendance_mark, attendance_mark_everyone, session_create

__all__ = [
    "CODE_TRIES",
    "INVITATION_LIFETIME",
    "MESSAGES_PER_DAY",
    "MAX_SENDS",
    "RESEND_INTERVAL",
    "EnrolOutcome",
    "assignment_create",
    "assignment_set_closed",
    "attendance_mark",
    "attendance_mark_everyone",
    "cohort_by_code",
    "cohort_create",
    "cohort_import",
    "cohort_message_send",
    "cohort_join",
    "enrolment_create",
    "invitation_accept",
    "invitation_accept_with_link",
    "invitation_by_token",
    "invitation_claim_by_code",
    "invitation_decline",
    "invitation_decline_with_link",
    "invitation_resend",
    "invitation_send",
    "invitations_expire",
    "lesson_mark_done",
    "lesson_visit",
    "participant_create_or_get",
    "participant_enrol",
    "participant_enrol_by_mobile",
    "reflection_save",
    "session_create",
    "stage_open_early",
    "submission_create",
    "submission_review",
]
