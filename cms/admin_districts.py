"""The official districts in the Wagtail admin: programme managers add and edit them."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from cms.models import District


class DistrictViewSet(ModelViewSet):
    model = District
    icon = "site"
    menu_label = _("Districts")
    menu_order = 800
    add_to_settings_menu = True
    list_display = ["name", "code", "province", "time_zone", "is_active"]
    list_filter = ["time_zone", "is_active"]
    search_fields = ["name", "code", "province"]
    form_fields = ["name", "code", "province", "time_zone", "order", "is_active"]


def register() -> None:
    hooks.register("register_admin_viewset", lambda: DistrictViewSet("districts"))
