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
        # What people are told and when: kinds, texts, reminders and the receivers that send them.
        from coaching import notices

        notices.register()
