"""Videos in the Wagtail admin: a listing with status and progress, upload, retry, a chooser."""

from django import forms
from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic import models as model_views
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.admin.widgets.button import MenuItem

from video import services
from video.admin_ui import DurationColumn, StatusColumn
from video.choosers import video_chooser_viewset
from video.models import Video, VideoStatus
from video.permissions import permission_policy

ALLOWED_EXTENSIONS = [
    "mp4",
    "m4v",
    "mov",
    "webm",
    "mkv",
    "avi",
    "3gp",
    "mpg",
    "mpeg",
    "ts",
    "wmv",
    "flv",
    "ogv",
    "mp3",
    "m4a",
    "aac",
    "wav",
    "ogg",
    "oga",
    "opus",
    "flac",
    "amr",
]


class VideoForm(WagtailAdminModelForm):
    """Upload or replace the source; oversized or unsupported files are refused here."""

    def clean_source(self):
        source = self.cleaned_data.get("source")
        if (
            source
            and source is not getattr(self.instance, "source", None)
            and hasattr(source, "size")
        ):
            if source.size > services.max_upload_bytes():
                raise forms.ValidationError(
                    _("This file is %(size)s; the limit is %(limit)s.")
                    % {
                        "size": services._megabytes(source.size),
                        "limit": services._megabytes(services.max_upload_bytes()),
                    }
                )
            extension = source.name.rsplit(".", 1)[-1].lower() if "." in source.name else ""
            if extension not in ALLOWED_EXTENSIONS:
                raise forms.ValidationError(
                    _("Upload a video or audio file (%(extensions)s).")
                    % {"extensions": ", ".join(ALLOWED_EXTENSIONS[:6]) + ", ..."}
                )
        return source


class StatusPanel(Panel):
    """The conversion's status, progress bar, renditions and retry button on the edit page."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "video/admin/status_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["video"] = self.instance
            return context


class VideoCreateView(model_views.CreateView):
    def save_instance(self):
        self.form.instance.uploaded_by_user = self.request.user
        video = super().save_instance()  # saved and logged in the admin's history
        services.video_queue(video=video)
        return video


class VideoEditView(model_views.EditView):
    def save_instance(self):
        video = super().save_instance()
        if "source" in self.form.changed_data:
            services.video_queue(video=video)
        return video

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        buttons.append(
            Button(
                _("Convert again"),
                url=reverse("video:retry", args=[self.object.pk]),
                icon_name="rotate",
                priority=5,
            )
        )
        return buttons


class VideoIndexView(model_views.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            buttons.append(
                MenuItem(
                    _("Convert again"),
                    url=reverse("video:retry", args=[instance.pk]),
                    icon_name="rotate",
                    priority=15,
                )
            )
        return buttons


class VideoViewSet(ModelViewSet):
    model = Video
    icon = "media"
    menu_label = _("Videos")
    menu_order = 310
    add_to_admin_menu = True
    copy_view_enabled = False
    add_view_class = VideoCreateView
    edit_view_class = VideoEditView
    index_view_class = VideoIndexView
    list_filter = ["status", "collection"]
    search_fields = ["title"]
    list_display = [
        TitleColumn("title", label=_("Title"), url_name="video:edit"),
        StatusColumn("status", label=_("Status")),
        DurationColumn("duration", label=_("Length")),
        Column("collection", label=_("Collection")),
        DateColumn("created_at", label=_("Uploaded")),
    ]
    edit_handler = ObjectList(
        [
            StatusPanel(heading=_("Conversion")),
            FieldPanel("title"),
            FieldPanel("collection"),
            FieldPanel("source"),
        ],
        base_form_class=VideoForm,
    )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("retry/<int:pk>/", retry_view, name="retry"),
            path("status/", status_view, name="status"),
        ]


def _video_for(request, pk: int, action: str = "change") -> Video:
    video = get_object_or_404(Video, pk=pk)
    if not permission_policy.user_has_permission_for_instance(request.user, action, video):
        raise Http404
    return video


@require_http_methods(["GET", "POST"])
def retry_view(request, pk: int):
    """Confirm, then queue the whole conversion again (the current ladder stays until done)."""
    video = _video_for(request, pk)
    if request.method == "POST":
        services.video_retry(video=video)
        messages.success(request, _("“%(title)s” will be converted again.") % {"title": video})
        return redirect("video:index")
    return TemplateResponse(request, "video/admin/retry.html", {"video": video})


def status_view(request):
    """Status and progress of some videos, for the listing's progress bars to follow."""
    # ASCII digits only ("²".isdigit() is true, but int("²") fails), at most a bigint.
    ids = [
        int(pk)
        for pk in request.GET.get("ids", "").split(",")
        if pk.isascii() and pk.isdigit() and len(pk) <= 18
    ][:100]
    visible = permission_policy.instances_user_has_any_permission_for(
        request.user, ["change", "choose"]
    ).filter(pk__in=ids)
    return JsonResponse(
        {
            str(video.pk): {
                "status": video.status,
                "label": str(VideoStatus(video.status).label),
                "progress": video.progress,
                "reason": video.failure_reason,
            }
            for video in visible
        }
    )


video_viewset = VideoViewSet("video")


@hooks.register("register_admin_viewset")
def register_video_viewsets():
    return [video_viewset, video_chooser_viewset]


@hooks.register("insert_global_admin_js")
def video_admin_js():
    return format_html('<script src="{}" defer></script>', static("video/admin.js"))
