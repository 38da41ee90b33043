"""Certificates in the site shell (bottom navigation) and in the Wagtail admin: managers
define what earns a certificate, and revoke one with a reason (through the service)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.views.generic.models import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log
from wagtail.permissions import register_permission_policy

from certificates import services
from certificates.models import Certificate, CertificateType
from cms.admin_services import ServiceRefusalMixin, ServicesOnlyPolicy
from cms.hooks import NavItem


@hooks.register("bottom_nav_items")
def nav_items(request):
    user = request.user
    if not user.is_authenticated:
        return []
    if user.is_participant:
        return [NavItem(_("Certificates"), reverse("certificates:list"), icon="star", order=60)]
    return []


@hooks.register("register_report_indicators")
def report_indicators():
    from certificates.indicators import indicators

    return indicators()


# Certificates are issued by the service (criteria met) and never deleted: the admin lists them
# and revokes through the service.
register_permission_policy(Certificate, ServicesOnlyPolicy(Certificate))


class RevokeView(ServiceRefusalMixin, EditView):
    """The certificate's edit screen is its revocation: a reason, saved by the service."""

    def save_instance(self):
        reason = self.form.cleaned_data.get("revoke_reason", "")
        revoked = services.certificate_revoke(
            certificate=self.form.instance, by=self.request.user, reason=reason
        )
        log(instance=revoked, action="wagtail.edit", user=self.request.user)
        return revoked


class CertificateIndexView(IndexView):
    """The list of issued certificates, with "Reissue" on revoked ones."""

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if instance.revoked_at is not None:
            url = reverse("certificates_issued:reissue", args=[instance.pk])
            buttons.append(ListingButton(_("Reissue"), url=url, icon_name="redo", priority=40))
        return buttons


def reissue_view(request, pk: int):
    """Confirm, then reissue a revoked certificate through the service (managers only)."""
    if not request.user.is_manager:
        raise PermissionDenied
    certificate = get_object_or_404(Certificate, pk=pk)
    index_url = reverse("certificates_issued:index")
    if request.method == "POST":
        try:
            new = services.certificate_reissue(certificate=certificate, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            log(instance=new, action="wagtail.create", user=request.user)
            messages.success(request, _("Reissued: the new code is %(code)s.") % {"code": new.code})
        return redirect(index_url)
    context = {"certificate": certificate, "index_url": index_url}
    return TemplateResponse(request, "certificates/admin/reissue.html", context)


class CertificateTypeViewSet(ModelViewSet):
    name = "certificate_types"
    url_prefix = "certificates/types"
    model = CertificateType
    icon = "form"
    menu_label = gettext_lazy("What earns a certificate")
    list_display = ["name", "programme", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "programme",
        "stages",
        "all_workshops_attended",
        "needs_accepted_assignment",
        "needs_clinic_attended",
        "organisations",
        "active",
    ]


class CertificateViewSet(ModelViewSet):
    name = "certificates_issued"
    url_prefix = "certificates/issued"
    model = Certificate
    icon = "tick-inverse"
    menu_label = gettext_lazy("Issued certificates")
    list_display = ["name", "certificate_type", "code", "issued_at", "revoked_at"]
    list_filter = ["certificate_type", "issued_at", "revoked_at"]
    search_fields = ["name", "code"]
    form_fields = ["revoke_reason"]
    edit_view_class = RevokeView
    index_view_class = CertificateIndexView
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("reissue/<int:pk>/", reissue_view, name="reissue"),
        ]


class CertificatesViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Certificates")
    menu_icon = "tick-inverse"
    menu_order = 230
    items = (CertificateViewSet, CertificateTypeViewSet)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return CertificatesViewSetGroup()
