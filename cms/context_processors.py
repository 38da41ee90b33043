"""What every page of the site shell needs: the bottom navigation (evaluated only when used)."""

from django.utils.functional import SimpleLazyObject

from cms.hooks import collect_nav_items


def site_shell(request):
    return {"extra_nav_items": SimpleLazyObject(lambda: collect_nav_items(request))}
