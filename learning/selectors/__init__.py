"""Reads of the learning app: progress and stage gates, cohorts, assignments, the dashboard.

Every function here runs a fixed number of queries, whatever the number of lessons,
participants or assignments: lists are fetched whole and joined in Python.

The selectors live in modules by subject; every public name is re-exported here, so callers
keep writing ``from learning import selectors`` / ``selectors.cohorts_of``.
"""

from .assignments import (
    DUE_SOON,
    GROUPS,
    AssignmentRow,
    assignment_counts,
    assignment_rows,
    assignment_visible_to,
    assignments_to_do_count,
    can_review,
    can_see_submission,
    can_submit,
    is_recipient,
    review_queue,
    submission_history,
)
from .cohorts import (
    EVER,
    can_manage_cohort,
    cohorts_for_staff,
    cohorts_of,
    facilitated_since,
    facilitates_participant,
    facilitators_of,
    invitations_open_for,
    invitations_pending,
    participants_for_staff,
    reflections_visible,
)
from .dashboard import INACTIVE_AFTER, CohortDashboard, DashboardRow, cohort_dashboard
from .progress import (
    ModuleProgress,
    Progress,
    StageProgress,
    has_reached_stage,
    learner_progress,
    programme_of,
    reflections_for,
    stage_is_open,
)

__all__ = [
    "DUE_SOON",
    "EVER",
    "GROUPS",
    "INACTIVE_AFTER",
    "AssignmentRow",
    "CohortDashboard",
    "DashboardRow",
    "ModuleProgress",
    "Progress",
    "StageProgress",
    "assignment_counts",
    "assignment_rows",
    "assignments_to_do_count",
    "assignment_visible_to",
    "can_manage_cohort",
    "can_review",
    "can_see_submission",
    "can_submit",
    "cohort_dashboard",
    "cohorts_for_staff",
    "cohorts_of",
    "facilitated_since",
    "facilitates_participant",
    "facilitators_of",
    "has_reached_stage",
    "invitations_open_for",
    "invitations_pending",
    "is_recipient",
    "learner_progress",
    "participants_for_staff",
    "programme_of",
    "reflections_for",
    "reflections_visible",
    "review_queue",
    "stage_is_open",
    "submission_history",
]
