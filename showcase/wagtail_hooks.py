"""How the showcase plugs into the Wagtail admin (managers feature public profiles) and the
report (its indicators)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms.admin_services import ServicesOnlyPolicy
from cms.hooks import HomePanel, NavItem

from .models import BusinessProfile

# Profiles are the participants': managers may only look at public ones and feature them.
register_permission_policy(BusinessProfile, ServicesOnlyPolicy(BusinessProfile))


class PublicProfilesIndexView(IndexView):
    def get_base_queryset(self):
        # Only what the owners made public: the list managers work from and export.
        return super().get_base_queryset().filter(is_public=True).select_related("district")


class BusinessProfileViewSet(ModelViewSet):
    name = "showcase_profiles"
    url_prefix = "showcase/profiles"
    model = BusinessProfile
    icon = "tag"
    menu_label = gettext_lazy("Business showcase")
    menu_order = 230
    add_to_admin_menu = True
    index_view_class = PublicProfilesIndexView
    list_display = ["name", "product_type", "district", "featured", "public_since"]
    list_filter = ["featured", "product_type", "district"]
    search_fields = ["name", "description"]
    list_export = ["name", "product_type", "district", "price_range", "whatsapp", "public_since"]
    export_filename = "usaha-publik"
    form_fields = ["featured"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_viewsets():
    return BusinessProfileViewSet()


@hooks.register("participant_home_panels")
def home_panels(request):
    user = request.user
    if not (user.is_authenticated and user.is_participant):
        return []
    profiles = list(user.business_profiles.order_by("pk")[:3])
    return [HomePanel("showcase/panels/my_business.html", {"profiles": profiles}, order=60)]


@hooks.register("bottom_nav_items")
def nav_items(request):
    user = request.user
    if user.is_authenticated and user.is_expert:
        return [NavItem(_("Licences"), reverse("showcase:licence_list"), icon="check", order=60)]
    return []


@hooks.register("register_report_indicators")
def report_indicators():
    from .indicators import indicators

    return indicators()
