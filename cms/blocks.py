"""The shared StreamField blocks every content page uses. Each has its own template."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from video.blocks import VideoBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        required=False,
        max_length=200,
        help_text=_(
            "What the image shows, for people who cannot see it. Leave empty if decorative."
        ),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Image")
        description = _("A picture, served small to phones and loaded only when scrolled to.")


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("tip", _("Tip")), ("info", _("Note")), ("warning", _("Watch out"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("text"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "tip"
        template = "blocks/callout_block.html"
        label = _("Tip / callout")
        description = _("A highlighted box: a tip, a note or a warning.")


class ReflectionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    hint = blocks.CharBlock(
        label=_("hint"),
        required=False,
        max_length=300,
        help_text=_("Optional: a nudge to help people start their answer."),
    )

    class Meta:
        icon = "help"
        template = "blocks/reflection_block.html"
        label = _("Reflection question")
        description = _("A question the participant thinks about and answers for themselves.")


class WorksheetBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    description = blocks.CharBlock(label=_("description"), required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "blocks/worksheet_block.html"
        label = _("Worksheet")
        description = _("A file to download and fill in, with its size shown.")


class KeyPointsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False, max_length=120)
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), label=_("points"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_points_block.html"
        label = _("Key points")
        description = _("A short list of what to remember.")


class EpisodeBlock(blocks.StructBlock):
    """A podcast episode to listen to from inside a lesson.

    The page type is named by string and resolved lazily by Wagtail, so cms imports nothing
    from the podcasts app (which sits below it in DESIGN.md's list).
    """

    episode = blocks.PageChooserBlock(page_type="podcasts.EpisodePage", label=_("episode"))
    note = blocks.CharBlock(
        label=_("note"),
        required=False,
        max_length=250,
        help_text=_("Optional: why to listen, or which part matters for this lesson."),
    )

    class Meta:
        icon = "media"
        template = "blocks/episode_block.html"
        label = _("Podcast episode")
        description = _("An episode from the programme's podcast, played inside the lesson.")


class LessonStreamBlock(blocks.StreamBlock):
    """The body of a lesson (and of any content page that wants the same blocks)."""

    text = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/text_block.html",
        description=_("Paragraphs, headings and lists."),
    )
    image = ImageBlock()
    callout = CalloutBlock()
    reflection = ReflectionBlock()
    worksheet = WorksheetBlock()
    key_points = KeyPointsBlock()
    episode = EpisodeBlock()
    video = VideoBlock()
