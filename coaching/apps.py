from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

MANAGED_MODELS = ("topic", "expert", "clinicsession", "booking", "sessionnote", "followup")


class CoachingConfig(AppConfig):
    """Experts, coaching clinics, bookings, waitlists, notes and follow-ups."""

    name = "coaching"
    verbose_name = _("Coaching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.roles import manager_model_permissions

        post_migrate.connect(
            manager_model_permissions("coaching", MANAGED_MODELS),
            sender=self,
            weak=False,
            dispatch_uid="coaching_manager_perms",
        )
        # The reminder rules live with what they remind about.
        from coaching import reminders  # noqa: F401
        from coaching.notices import register_kinds

        register_kinds()
