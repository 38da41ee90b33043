"""Role groups and what each may do in the Wagtail admin.

The groups are created by a migration; their permissions are (re)applied after every
``migrate``, because Django creates permission rows only after all migrations have run.
"""

from collections.abc import Callable, Iterable

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from cms.models.users import Role

ADMIN_ROLES = (Role.FACILITATOR, Role.EXPERT, Role.MANAGER)
MANAGER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# Media kept in Wagtail collections: managers get these on the root collection.
MANAGER_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "delete_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "delete_document", "choose_document"),
    "video": ("add_video", "change_video", "delete_video", "choose_video"),
}


def apply_role_permissions(**kwargs) -> None:
    """Give the role groups their admin permissions. Safe to run any number of times.

    After a partial ``migrate`` (one app, or back to an earlier migration) some of the tables it
    needs may not exist yet; it then waits for the ``migrate`` that creates them.
    """
    from django.contrib.auth.models import Group, Permission
    from django.db import DEFAULT_DB_ALIAS, connections
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    needed = {
        model._meta.db_table
        for model in (
            Group,
            Permission,
            Page,
            Collection,
            GroupPagePermission,
            GroupCollectionPermission,
        )
    }
    connection = connections[kwargs.get("using") or DEFAULT_DB_ALIAS]
    if not needed <= set(connection.introspection.table_names()):
        return
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
    for app_label, codenames in MANAGER_COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission and root_collection:
                GroupCollectionPermission.objects.get_or_create(
                    group=manager, collection=root_collection, permission=permission
                )


def manager_model_permissions(app_label: str, model_names: Iterable[str]) -> Callable:
    """A post_migrate receiver: programme managers may add, change, delete and view these
    models of the app in the Wagtail admin. Safe to run any number of times."""
    model_names = tuple(model_names)

    def receiver(**kwargs) -> None:
        from django.contrib.auth.models import Group, Permission

        config = kwargs.get("app_config")
        if config is not None:
            create_permissions(config, verbosity=0)
        manager, _created = Group.objects.get_or_create(name=Role.MANAGER)
        manager.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model__in=model_names
            )
        )

    return receiver
