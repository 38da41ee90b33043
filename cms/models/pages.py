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


class CachedRestrictionsMixin:
    """View restrictions looked up in the cached route table: most pages have none, and then
    serving one asks the database nothing about restrictions (Wagtail asks twice)."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        from cms import navigation

        if not self.alias_of_id and not navigation.route_table().is_restricted(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(CachedRestrictionsMixin, Page):
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
        if not request.user.is_authenticated:
            context["programmes"] = (
                ProgrammePage.objects.live().public().child_of(self).specific().order_by("path")
            )
        else:
            context["stages"] = self.stages_with_modules(request)
            context["home_panels"] = collect_home_panels(request)
            run_page_context_hooks(HOME_PAGE_CONTEXT, request, self, context)
        return context

    def stages_with_modules(self, request) -> list:
        """The stages of the programmes below, each with ``module_list``: from the cached
        navigation (cms/navigation.py), or from the tree when this home is not in it."""
        from cms import navigation

        programme_ids = navigation.route_table(request).programmes.get(self.pk)
        if programme_ids is not None and not getattr(request, "is_preview", False):
            stages = []
            for programme_id in programme_ids:
                found = navigation.curriculum(programme_id)
                for stage in found.stages if found else []:
                    stage.module_list = [
                        m for m in found.modules if m.path[: -Page.steplen] == stage.path
                    ]
                    stages.append(stage)
            return stages
        stages = list(StagePage.objects.live().descendant_of(self).order_by("path"))
        modules = ModulePage.objects.live().descendant_of(self).order_by("path")
        by_stage: dict[str, list] = {}
        for module in modules:
            by_stage.setdefault(module.path[: -Page.steplen], []).append(module)
        for stage in stages:
            stage.module_list = by_stage.get(stage.path, [])
        return stages


class ProgrammePage(CachedRestrictionsMixin, Page):
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


class StagePage(CachedRestrictionsMixin, Page):
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


class ModulePage(CachedRestrictionsMixin, Page):
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


class LessonPage(CachedRestrictionsMixin, Page):
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
                        "module": self.module(),
                        "stage": self.module().get_parent(),
                        "refusal": refusal,
                    },
                    status=refusal.status,
                )
            if request.method == "GET":
                run_lesson_served_hooks(request, self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from cms import navigation

        found = navigation.curriculum_of(self, request)
        if found is not None:
            context["previous_lesson"], context["next_lesson"] = found.neighbours(self)
            context["module"] = found.module_of(self) or self.get_parent()
        else:
            context["previous_lesson"], context["next_lesson"] = self.neighbours()
            context["module"] = self.get_parent()
        context["lesson_panels"] = []
        context["block_panels"] = {}  # body block id -> HomePanel shown in the block's place
        if request.user.is_authenticated:
            run_lesson_context_hooks(request, self, context)
        return context

    def module(self):
        from cms import navigation

        found = navigation.curriculum_of(self)
        module = found.module_of(self) if found else None
        return module or self.get_parent()

    def neighbours(self):
        """The lessons before and after this one across the whole programme, in tree order."""
        from cms import navigation

        found = navigation.curriculum_of(self)
        if found is not None:
            return found.neighbours(self)
        programme = self.get_ancestors().type(ProgrammePage).last()
        if programme is None:
            return None, None
        siblings = LessonPage.objects.live().descendant_of(programme).order_by("path")
        previous = siblings.filter(path__lt=self.path).order_by("-path").first()
        following = siblings.filter(path__gt=self.path).first()
        return previous, following
