"""What learning writes to the Wagtail admin's history (managers read it under Reports →
Site history, and on each enrolment's history)."""

from django.utils.translation import gettext_lazy as _

# No longer written (facilitators no longer give passwords: people are invited and choose their
# own); still registered so the history recorded before reads as it did.
TEMPORARY_PASSWORD_ACTION = "learning.temporary_password"


def register_log_actions(actions) -> None:
    """The ``register_log_actions`` hook (registered in ``LearningConfig.ready``)."""
    actions.register_action(
        TEMPORARY_PASSWORD_ACTION,
        _("Temporary password"),
        _("A facilitator gave this participant a temporary password"),
    )
