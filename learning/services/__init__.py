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
from .enrolment import cohort_by_code, cohort_create, cohort_join, enrolment_create
from .invitations import (
    INVITATION_LIFETIME,
    invitation_accept,
    invitation_decline,
    invitation_send,
    invitations_expire,
)
from .participants import (
    TEMPORARY_PASSWORD_ALPHABET,
    EnrolOutcome,
    cohort_import,
    participant_create_or_get,
    participant_enrol,
    participant_enrol_by_mobile,
    participant_password_reset,
    temporary_password_allowed,
)
from .progress import lesson_mark_done, lesson_visit, reflection_save, stage_open_early
from .workshops import attendance_mark, attendance_mark_everyone, session_create

__all__ = [
    "INVITATION_LIFETIME",
    "TEMPORARY_PASSWORD_ALPHABET",
    "EnrolOutcome",
    "assignment_create",
    "assignment_set_closed",
    "attendance_mark",
    "attendance_mark_everyone",
    "cohort_by_code",
    "cohort_create",
    "cohort_import",
    "cohort_join",
    "enrolment_create",
    "invitation_accept",
    "invitation_decline",
    "invitation_send",
    "invitations_expire",
    "lesson_mark_done",
    "lesson_visit",
    "participant_create_or_get",
    "participant_enrol",
    "participant_enrol_by_mobile",
    "participant_password_reset",
    "reflection_save",
    "session_create",
    "stage_open_early",
    "submission_create",
    "submission_review",
    "temporary_password_allowed",
]
