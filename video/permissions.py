"""Who may do what with videos: per collection, like Wagtail's images and documents."""

from wagtail.permission_policies.collections import CollectionPermissionPolicy
from wagtail.permissions import register_permission_policy

from video.models import Video

permission_policy = CollectionPermissionPolicy(Video)
register_permission_policy(Video, permission_policy)
