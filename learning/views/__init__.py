"""Views of the learning app: they parse input, call one service or selector, and render.

Participant pages: joining a cohort, "mark as done", reflections, assignments and submitting.
Facilitator pages: cohorts and their dashboard, enrolment and import, workshop sessions and the
attendance register, assignments, the review queue, opening a stage early.
Every view checks who is asking; what is not theirs is a 404, never a peek.

The views live in modules by subject; every view is re-exported here for ``learning.urls``.
"""

from ._common import in_user_zone, participant_view, staff_view
from .assignments import (
    assignment_close,
    assignment_create,
    assignment_detail,
    assignment_list,
    review,
    review_queue,
    submission_file,
)
from .cohorts import (
    IMPORT_SESSION_KEY,
    cohort_dashboard,
    cohort_enrol,
    cohort_import,
    cohort_list,
    cohort_message,
    invitation_resend,
    participant_detail,
)
from .invited import invited_accept, invited_code, invited_link
from .participant import invitation, join, lesson_done, reflection_save
from .workshops import register, register_everyone, register_mark, session_create

__all__ = [
    "IMPORT_SESSION_KEY",
    "assignment_close",
    "assignment_create",
    "assignment_detail",
    "assignment_list",
    "cohort_dashboard",
    "cohort_enrol",
    "cohort_import",
    "cohort_list",
    "cohort_message",
    "in_user_zone",
    "invitation",
    "invitation_resend",
    "invited_accept",
    "invited_code",
    "invited_link",
    "join",
    "lesson_done",
    "participant_detail",
    "participant_view",
    "reflection_save",
    "register",
    "register_everyone",
    "register_mark",
    "review",
    "review_queue",
    "session_create",
    "staff_view",
    "submission_file",
]
