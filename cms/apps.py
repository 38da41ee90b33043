from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class CmsConfig(AppConfig):
    """The site shell: accounts, curriculum pages, shared blocks and the extension points."""

    default = True
    name = "cms"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from cms.models import User
        from cms.roles import apply_role_permissions
        from cms.signals import on_groups_changed

        post_migrate.connect(apply_role_permissions, sender=self, dispatch_uid="cms_role_perms")
        m2m_changed.connect(
            on_groups_changed, sender=User.groups.through, dispatch_uid="cms_staff_from_groups"
        )

        # Official districts: seeded when the table is empty; managers keep the list.
        from cms import admin_districts
        from cms.models.districts import seed_districts
        from cms.roles import manager_model_permissions

        post_migrate.connect(seed_districts, sender=self, dispatch_uid="cms_seed_districts")
        post_migrate.connect(
            manager_model_permissions("cms", ["district"]),
            sender=self,
            weak=False,
            dispatch_uid="cms_district_perms",
        )
        admin_districts.register()

        # The cached curriculum navigation is rebuilt after a publish, move or delete.
        from cms import navigation

        navigation.connect_signals()


class CmsUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with forms for our user model (one name field, mobile number)."""

    user_viewset = "cms.admin_users.UserViewSet"
