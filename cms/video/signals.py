"""Stored files follow their video: deleting a video deletes its source and its ladder."""

from django.db import transaction

from cms.video import services


def delete_video_files(sender, instance, **kwargs) -> None:
    source, prefix = instance.source.name, instance.hls_prefix

    def delete() -> None:
        if source:
            instance.source.storage.delete(source)
        if prefix:
            services.delete_prefix(prefix)

    transaction.on_commit(delete)


def grant_manager_permissions(sender, **kwargs) -> None:
    """Programme managers may upload, edit, delete and choose videos in every collection."""
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission

    from cms.models import Role

    create_permissions(sender, verbosity=0)
    root = Collection.get_first_root_node()
    if root is None:
        return
    manager, _created = Group.objects.get_or_create(name=Role.MANAGER)
    for codename in ("add_video", "change_video", "delete_video", "choose_video"):
        permission = Permission.objects.filter(
            content_type__app_label="video", codename=codename
        ).first()
        if permission:
            GroupCollectionPermission.objects.get_or_create(
                group=manager, collection=root, permission=permission
            )
