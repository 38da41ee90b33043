"""Keep ``User.is_staff`` in step with the role groups, whatever path changes the groups.

Roles are groups (see ``User.is_staff_member``); ``is_staff`` is only a mirror kept for code
that reads it (Django's own admin, third-party apps). The admin's user forms set it when they
save; this receiver covers every other path: ``user.groups.add()``, ``group.user_set.remove()``,
a shell, a data migration, an import.
"""

from django.db.models import Q

from cms.models.users import STAFF_ROLES, User


def staff_status_sync(*, user_ids) -> None:
    """Set ``is_staff`` of these users from their groups (and superuser flag)."""
    user_ids = list(user_ids)
    if not user_ids:
        return
    staff = User.objects.filter(Q(is_superuser=True) | Q(groups__name__in=STAFF_ROLES))
    people = User.objects.filter(pk__in=user_ids)
    people.filter(pk__in=staff.values("pk"), is_staff=False).update(is_staff=True)
    people.exclude(pk__in=staff.values("pk")).filter(is_staff=True).update(is_staff=False)


def on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if action == "pre_clear" and reverse:
        # group.user_set.clear(): remember who was in it before they are gone.
        instance._staff_sync_ids = list(instance.user_set.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:
        ids = pk_set or getattr(instance, "_staff_sync_ids", [])
    else:
        ids = [instance.pk]
        instance.__dict__.pop("_role_cache", None)
    staff_status_sync(user_ids=ids)
    if not reverse:
        instance.is_staff = (
            User.objects.filter(pk=instance.pk).values_list("is_staff", flat=True).first() or False
        )
