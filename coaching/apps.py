from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

MANAGED_MODELS = ("topic", "expert", "clinicsession", "booking", "sessionnote", "followup")


def grant_manager_permissions(**kwargs) -> None:
    """Programme managers manage experts, topics, sessions and bookings in the Wagtail admin.

    Safe to run again (it runs after every ``migrate``)."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from cms.models import Role

    config = kwargs.get("app_config")
    if config is not None:
        create_permissions(config, verbosity=0)
    manager, _created = Group.objects.get_or_create(name=Role.MANAGER)
    manager.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="coaching", content_type__model__in=MANAGED_MODELS
        )
    )


class CoachingConfig(AppConfig):
    """Experts, coaching clinics, bookings, waitlists, notes and follow-ups."""

    name = "coaching"
    verbose_name = _("Coaching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(
            grant_manager_permissions, sender=self, dispatch_uid="coaching_manager_perms"
        )
        from coaching.notices import register_kinds

        register_kinds()
