from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

MANAGED_MODELS = ("businessprofile", "showcasesettings")


class ShowcaseConfig(AppConfig):
    """Participants' business profiles, their licences, and the public directory of them."""

    name = "showcase"
    verbose_name = _("Business showcase")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.roles import manager_model_permissions

        post_migrate.connect(
            manager_model_permissions("showcase", MANAGED_MODELS),
            sender=self,
            weak=False,
            dispatch_uid="showcase_manager_perms",
        )
