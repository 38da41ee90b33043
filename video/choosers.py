"""The video chooser: a modal like the image and document choosers, filtered by collection."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from video.admin_ui import DurationColumn, StatusColumn
from video.permissions import permission_policy


class VideoChooseViewMixin:
    @cached_property
    def collections(self):
        collections = permission_policy.collections_user_has_permission_for(
            self.request.user, "choose"
        )
        return collections if len(collections) > 1 else None

    def get_object_list(self):
        return permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["choose"]
        ).order_by("-created_at")

    def get_filter_form(self):
        return self.get_filter_form_class()(self.request.GET, collections=self.collections)

    @property
    def columns(self):
        return [
            *super().columns,
            StatusColumn("status", label=_("Status")),
            DurationColumn("duration", label=_("Length")),
        ]


class VideoChooseView(VideoChooseViewMixin, chooser_views.ChooseView):
    pass


class VideoChooseResultsView(VideoChooseViewMixin, chooser_views.ChooseResultsView):
    pass


class VideoChooserViewSet(ChooserViewSet):
    model = "video.Video"
    icon = "media"
    choose_one_text = _("Choose a video")
    choose_another_text = _("Choose another video")
    edit_item_text = _("Edit this video")
    choose_view_class = VideoChooseView
    choose_results_view_class = VideoChooseResultsView


video_chooser_viewset = VideoChooserViewSet("video_chooser")
