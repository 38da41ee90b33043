"""Role groups and what each may do in the Wagtail admin.

The groups are created by a migration; their permissions are (re)applied after every
``migrate``, because Django creates permission rows only after all migrations have run.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from cms.models.users import Role

ADMIN_ROLES = (Role.FACILITATOR, Role.EXPERT, Role.MANAGER)
MANAGER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MANAGER_MODEL_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
}


def apply_role_permissions(**kwargs) -> None:
    """Give the role groups their admin permissions. Safe to run any number of times."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    for config in global_apps.get_app_configs():
        create_permissions(config, verbosity=0)
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in Role.values}
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for role in ADMIN_ROLES:
        groups[role].permissions.add(access_admin)

    manager = groups[Role.MANAGER]
    root_page = Page.get_first_root_node()
    if root_page is not None:
        for codename in MANAGER_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=manager, page=root_page, permission=permission
            )
    root_collection = Collection.get_first_root_node()
    for app_label, codenames in MANAGER_MODEL_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission and root_collection:
                GroupCollectionPermission.objects.get_or_create(
                    group=manager, collection=root_collection, permission=permission
                )
