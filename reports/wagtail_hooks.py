"""The "Reports" and "Participants" entries of the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views
from .selectors import can_see_reports


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_reports(request.user)


class PeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_manager


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("reports/", views.report_view, name="reports"),
        path("reports/report.xlsx", views.report_xlsx_view, name="reports_xlsx"),
        path("reports/report.csv", views.report_csv_view, name="reports_csv"),
        path("reports/people/", views.people_view, name="reports_people"),
        path("reports/people.csv", views.people_export_view, name="reports_people_csv"),
    ]


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return ReportsMenuItem(_("Programme report"), reverse("reports"), icon_name="table", order=250)


@hooks.register("register_admin_menu_item")
def people_menu_item():
    return PeopleMenuItem(_("Participants"), reverse("reports_people"), icon_name="user", order=251)
