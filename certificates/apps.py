from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates: what earns one, issuing it once, the PDF and public verification."""

    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.roles import manager_model_permissions

        post_migrate.connect(
            manager_model_permissions("certificates", ("certificatetype", "certificate")),
            sender=self,
            weak=False,
            dispatch_uid="certificates_manager_perms",
        )
        # Receivers that issue certificates after learning and coaching commit, and the notice.
        from certificates import notices, receivers  # noqa: F401

        notices.register_kinds()
