"""The lesson block that plays a video from the video library."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import ChooserBlock


class VideoChooserBlock(ChooserBlock):
    """Chooses a Video with the admin's video chooser (resolved lazily, no import cycle)."""

    @cached_property
    def target_model(self):
        from video.models import Video

        return Video

    @cached_property
    def widget(self):
        from video.choosers import video_chooser_viewset

        return video_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    class Meta:
        icon = "media"


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock(label=_("video"))
    caption = blocks.CharBlock(
        label=_("caption"),
        required=False,
        max_length=250,
        help_text=_("Optional: what to look out for in this video."),
    )

    class Meta:
        icon = "media"
        template = "video/video_block.html"
        label = _("Video")
        description = _(
            "A video from the video library, streamed small for slow mobile data, "
            "with an audio-only choice."
        )
