from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

MANAGED_MODELS = (
    "cohort",
    "enrolment",
    "workshopsession",
    "assignment",
    "submission",
    "stageopening",
)


class LearningConfig(AppConfig):
    """What a learner does: cohorts, progress, attendance, assignments and reviews."""

    name = "learning"
    verbose_name = _("Learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.roles import manager_model_permissions

        post_migrate.connect(
            manager_model_permissions("learning", MANAGED_MODELS),
            sender=self,
            weak=False,
            dispatch_uid="learning_manager_perms",
        )
        from wagtail import hooks

        from learning.audit import register_log_actions

        hooks.register("register_log_actions", register_log_actions)
        # The messages it sends (and when) live with what they are about.
        from learning import notices  # noqa: F401
