"""Listing columns shared by the video admin and the video chooser."""

from django.urls import reverse
from wagtail.admin.ui.tables import Column

from video import services


class StatusColumn(Column):
    """Status with a progress bar while converting, and the reason plus retry when failed."""

    cell_template_name = "video/admin/status_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["video"] = instance
        context["retry_url"] = reverse("video:retry", args=[instance.pk])
        return context


class DurationColumn(Column):
    def get_value(self, instance):
        return services._minutes(instance.duration) if instance.duration else ""
