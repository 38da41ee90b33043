"""The site's page types: the home page and the curriculum (Programme → Stage → Module → Lesson)."""

from django.db import models
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.blocks import LessonStreamBlock
from cms.hooks import (
    HOME_PAGE_CONTEXT,
    MODULE_PAGE_CONTEXT,
    STAGE_PAGE_CONTEXT,
    collect_home_panels,
    lesson_refusal,
    run_lesson_context_hooks,
    run_lesson_served_hooks,
    run_page_context_hooks,
)

INTRO_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class HomePage(Page):
    """The site's front page: the programme for visitors, the learner's own home when signed in."""

    intro = RichTextField(
        _("introduction"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("What the programme is, shown to visitors above the stages."),
    )
    join_text = RichTextField(
        _("how to join"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("How to take part: who can join and what they need (a phone, a join code)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("join_text")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # Children are limited by their own parent_page_types (programmes, and the podcast
    # index that the podcasts app adds), so cms names no app below it.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            ProgrammePage.objects.live().public().child_of(self).specific().order_by("path")
        )
        if request.user.is_authenticated:
            stages = list(StagePage.objects.live().descendant_of(self).order_by("path"))
            modules = ModulePage.objects.live().descendant_of(self).order_by("path")
            by_stage: dict[str, list] = {}
            for module in modules:
                by_stage.setdefault(module.path[: -Page.steplen], []).append(module)
            for stage in stages:
                stage.module_list = by_stage.get(stage.path, [])
            context["stages"] = stages
            context["home_panels"] = collect_home_panels(request)
            run_page_context_hooks(HOME_PAGE_CONTEXT, request, self, context)
        return context


class ProgrammePage(Page):
    """One programme: its stages in order."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.StagePage"]

    class Meta:
        verbose_name = _("programme")

    @cached_property
    def stages(self):
        return StagePage.objects.live().child_of(self).order_by("order", "path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stages"] = self.stages
        return context


class StageKind(models.TextChoices):
    INTERNALISATION = "internalisation", _("Internalisation")
    ORIENTATION = "orientation", _("Orientation")
    MASTERY = "mastery", _("Mastery")


class StagePage(Page):
    """A stage of the programme. A stage opens when the one before it is complete."""

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=StageKind.choices,
        help_text=_(
            "Internalisation is online, Orientation an in-person workshop, Mastery coaching."
        ),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=1,
        help_text=_("1 for the first stage; stages open one after another in this order."),
    )
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("order"),
        FieldPanel("intro"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.ProgrammePage"]
    subpage_types = ["cms.ModulePage"]

    class Meta:
        verbose_name = _("stage")

    @cached_property
    def modules(self):
        return ModulePage.objects.live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        modules = list(self.modules)
        lessons = LessonPage.objects.live().descendant_of(self).order_by("path")
        by_module: dict[str, list] = {}
        for lesson in lessons:
            by_module.setdefault(lesson.path[: -Page.steplen], []).append(lesson)
        for module in modules:
            module.lesson_list = by_module.get(module.path, [])
        context["modules"] = modules
        context["stage_panels"] = []
        if request.user.is_authenticated:
            run_page_context_hooks(STAGE_PAGE_CONTEXT, request, self, context)
        return context


class ModulePage(Page):
    """A module: a few lessons on one topic."""

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.StagePage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("module")

    @cached_property
    def lessons(self):
        return LessonPage.objects.live().child_of(self).order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lessons"] = self.lessons
        context["module_panels"] = []
        if request.user.is_authenticated:
            run_page_context_hooks(MODULE_PAGE_CONTEXT, request, self, context)
        return context


class LessonPage(Page):
    """A lesson: a short read with tips, a reflection question and perhaps a worksheet."""

    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence on what the participant will learn; shown in lists."),
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=10,
        help_text=_("About how long the lesson takes to read and do."),
    )
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required lessons must be done before the next stage opens."),
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def serve(self, request, *args, **kwargs):
        """Access is decided here, before anything renders: a lesson the person may not read
        (a stage still locked) is answered with the reason instead of the lesson, and a lesson
        they may read is recorded as visited once, by the apps that keep such records."""
        if request.user.is_authenticated:
            refusal = lesson_refusal(request, self)
            if refusal is not None:
                return TemplateResponse(
                    request,
                    "cms/lesson_refused.html",
                    {
                        "page": self,
                        "self": self,
                        "module": self.get_parent(),
                        "stage": self.get_parent().get_parent(),
                        "refusal": refusal,
                    },
                    status=refusal.status,
                )
            if request.method == "GET":
                run_lesson_served_hooks(request, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["previous_lesson"], context["next_lesson"] = self.neighbours()
        context["module"] = self.get_parent()
        context["lesson_panels"] = []
        context["block_panels"] = {}  # body block id -> HomePanel shown in the block's place
        if request.user.is_authenticated:
            run_lesson_context_hooks(request, self, context)
        return context

    def neighbours(self):
        """The lessons before and after this one across the whole programme, in tree order."""
        programme = self.get_ancestors().type(ProgrammePage).last()
        if programme is None:
            return None, None
        siblings = LessonPage.objects.live().descendant_of(programme).order_by("path")
        previous = siblings.filter(path__lt=self.path).order_by("-path").first()
        following = siblings.filter(path__gt=self.path).first()
        return previous, following
