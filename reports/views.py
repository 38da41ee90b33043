"""Admin screens: the report with its downloads, and the participant list with its export.

Views parse the filters, call the selectors and render; who may see what is decided here once
(``_require_reports``, ``_require_manager``) before anything is read.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .charts import chart
from .exports import XLSX_TYPE, people_csv, report_csv, report_xlsx
from .forms import PeopleFilterForm, ReportFilterForm
from .models import PeopleExport
from .selectors import Filters, can_see_reports, people_list, report_build, report_cohorts

EXACT_PERMISSION = "reports.view_exact_numbers"
EXPORT_PEOPLE_PERMISSION = "reports.export_people"


def _require_reports(request) -> None:
    if not can_see_reports(request.user):
        raise PermissionDenied


def _require_manager(request) -> None:
    if not request.user.is_manager:
        raise PermissionDenied


def _report_form(request) -> ReportFilterForm:
    return ReportFilterForm(request.GET or None, cohorts=report_cohorts(user=request.user))


def report_view(request):
    _require_reports(request)
    form = _report_form(request)
    report = None
    if form.is_bound and not form.is_valid():
        filters = None
    else:
        filters = form.filters() if form.is_bound else Filters()
    breakdown = form.chosen_breakdown if form.is_bound else "district"
    if filters is not None:
        report = report_build(user=request.user, filters=filters)
    exact = request.user.has_perm(EXACT_PERMISSION)
    context = {
        "form": form,
        "report": report,
        "exact": exact,
        "query": request.GET.urlencode(),
        "header_title": _("Programme report"),
        "page_title": _("Programme report"),
        "header_icon": "table",
    }
    if report is not None:
        by_sex = report.table("sex")
        context.update(
            by_sex=by_sex,
            breakdown=report.table(breakdown),
            chart=chart(by_sex, exact=exact),
        )
    return TemplateResponse(request, "reports/report.html", context)


def _file_name(report, extension: str) -> str:
    stamp = timezone.localtime(report.made_at).strftime("%Y%m%d-%H%M")
    return f"berdaya-report-{stamp}.{extension}"


def _download_report(request, extension: str):
    _require_reports(request)
    form = _report_form(request)
    if form.is_bound and not form.is_valid():
        return TemplateResponse(request, "reports/report.html", {"form": form}, status=400)
    filters = form.filters() if form.is_bound else Filters()
    return report_build(user=request.user, filters=filters)


def report_xlsx_view(request):
    report = _download_report(request, "xlsx")
    if isinstance(report, HttpResponse):
        return report
    response = HttpResponse(report_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(report, "xlsx")}"'
    return response


def report_csv_view(request):
    report = _download_report(request, "csv")
    if isinstance(report, HttpResponse):
        return report
    response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(report, "csv")}"'
    return response


def _people_form(request) -> PeopleFilterForm:
    return PeopleFilterForm(request.GET or None, cohorts=report_cohorts(user=request.user))


def people_view(request):
    _require_manager(request)
    form = _people_form(request)
    valid = form.is_valid() if form.is_bound else True
    people = people_list(filters=form.cleaned_data if form.is_bound and valid else {})
    page = Paginator(people, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "reports/people.html",
        {
            "form": form,
            "page": page,
            "valid": valid,
            "can_export": request.user.has_perm(EXPORT_PEOPLE_PERMISSION),
            "downloads": PeopleExport.objects.all()[:10],
            "query": request.GET.urlencode(),
            "header_title": _("Participants"),
            "page_title": _("Participants"),
            "header_icon": "user",
        },
    )


def people_export_view(request):
    """The participant list as CSV; needs its own permission, and every download is logged."""
    _require_manager(request)
    if not request.user.has_perm(EXPORT_PEOPLE_PERMISSION):
        raise PermissionDenied
    form = _people_form(request)
    if form.is_bound and not form.is_valid():
        return HttpResponse(_("Check the filters."), status=400, content_type="text/plain")
    filters = form.cleaned_data if form.is_bound else {}
    text, count = people_csv(people_list(filters=filters))
    PeopleExport.objects.create(
        made_by=request.user,
        made_by_name=request.user.name or request.user.mobile,
        filters=form.used() if form.is_bound else {},
        row_count=count,
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="berdaya-participants-{stamp}.csv"'
    return response
