"""How learning plugs into the site shell (cms hooks) and into the Wagtail admin."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks

from cms.hooks import HomePanel, NavItem, Refusal

from . import selectors, services
from .forms import JoinCodeField

# --- progress on the curriculum pages ---------------------------------------------------------


def _progress(request, page):
    # Asked by the gate before the page is served and again while it renders: look up once.
    if "_learning_programme" not in page.__dict__:
        page._learning_programme = selectors.programme_of(page)
    programme = page._learning_programme
    if programme is None:
        return None
    progress = selectors.learner_progress(user=request.user, programme=programme)
    # Wagtail renders these pages outside the person's zone: give the templates local times
    # (naive, so the date filter does not convert them back).
    zone = request.user.zoneinfo
    for stage in progress.stages:
        for session in stage.sessions:
            session.local_start = timezone.localtime(session.starts_at, zone).replace(tzinfo=None)
    return progress


@hooks.register("home_page_context")
def home_progress(request, page, context):
    stages = context.get("stages") or []
    if not stages:
        return
    progress = _progress(request, stages[0])
    if progress is None:
        return
    for stage in stages:
        item = progress.for_stage(stage)
        if item is not None:
            stage.progress = item
            stage.locked = not item.is_open


@hooks.register("stage_page_context")
def stage_progress(request, page, context):
    progress = _progress(request, page)
    item = progress.for_stage(page) if progress else None
    if item is None:
        return
    for module in context.get("modules", []):
        module_progress = progress.for_module(module)
        module.progress = module_progress
        for lesson in getattr(module, "lesson_list", []):
            lesson.is_done = lesson.translation_key in progress.done_keys
    context["stage_locked"] = not item.is_open
    context["stage_panels"].append(
        HomePanel("learning/panels/stage_progress.html", {"item": item, "progress": progress})
    )


@hooks.register("module_page_context")
def module_progress(request, page, context):
    progress = _progress(request, page)
    if progress is None:
        return
    stage = next(
        (s for s in progress.stages if any(m.module.pk == page.pk for m in s.modules)), None
    )
    item = progress.for_module(page)
    if stage is None or item is None:
        return
    lessons = list(context["lessons"])
    for lesson in lessons:
        lesson.is_done = lesson.translation_key in progress.done_keys
    context["lessons"] = lessons
    context["stage_locked"] = not stage.is_open
    context["module_panels"].append(
        HomePanel(
            "learning/panels/module_progress.html",
            {"item": item, "stage": stage, "locked": {"item": stage}},
        )
    )


@hooks.register("lesson_access")
def stage_gate(request, lesson):
    """A participant reads a lesson only once its stage is open (the stage before it complete,
    or opened early for them); staff read the whole curriculum."""
    progress = _progress(request, lesson)
    stage = progress.stage_of_lesson(lesson) if progress else None
    if stage is None or stage.is_open:
        return None
    return Refusal(
        _("This lesson is in a stage that is still locked."),
        panels=[HomePanel("learning/panels/stage_locked.html", {"item": stage})],
    )


@hooks.register("lesson_served")
def remember_lesson(request, lesson):
    """For "continue where you left off": once per lesson a participant opens."""
    if request.user.is_participant:
        services.lesson_visit(participant=request.user, lesson=lesson)


@hooks.register("lesson_page_context")
def lesson_actions(request, lesson, context):
    if not request.user.is_participant:
        return
    progress = _progress(request, lesson)
    # The raw blocks: iterating the StreamField itself would fetch every image and episode.
    reflections = [b for b in lesson.body.raw_data if b["type"] == "reflection"]
    # Most lessons ask nothing: then there are no saved answers to look up.
    saved = (
        selectors.reflections_for(participant=request.user, lesson=lesson) if reflections else {}
    )
    # Each reflection question becomes its answer form, in the question's place in the lesson.
    for i, raw in enumerate(reflections):
        value = raw["value"]
        context["block_panels"][raw["id"]] = HomePanel(
            "learning/panels/reflection_form.html",
            {
                "lesson": lesson,
                "position": i,
                "question": value["question"],
                "hint": value.get("hint", ""),
                "saved": saved.get(i),
            },
        )
    context["lesson_panels"].append(
        HomePanel(
            "learning/panels/lesson_actions.html",
            {
                "lesson": lesson,
                "done": progress is not None and lesson.translation_key in progress.done_keys,
                "next_lesson": context.get("next_lesson"),
            },
        )
    )


# --- the home page and the bottom navigation ----------------------------------------------------


@hooks.register("participant_home_panels")
def home_panels(request):
    user = request.user
    panels = []
    if user.is_facilitator or user.is_manager:
        cohorts = list(selectors.cohorts_for_staff(user=user).order_by("name")[:10])
        waiting = selectors.review_queue(user=user).count()
        panels.append(
            HomePanel(
                "learning/panels/facilitator_home.html",
                {"cohorts": cohorts, "waiting": waiting},
                order=10,
            )
        )
        return panels
    if not user.is_participant:
        return panels
    from .models import LearnerState

    state = (
        LearnerState.objects.filter(participant=user)
        .select_related("last_lesson")
        .defer("last_lesson__body")
        .first()
    )
    cohorts = list(selectors.cohorts_of(participant=user))
    counts = selectors.assignment_counts(participant=user)
    last = state.last_lesson if state and state.last_lesson and state.last_lesson.live else None
    panels.append(
        HomePanel(
            "learning/panels/participant_home.html",
            {"last_lesson": last, "cohorts": cohorts, "counts": counts, "rows": []},
            order=10,
        )
    )
    return panels


@hooks.register("bottom_nav_items")
def nav_items(request):
    user = request.user
    if not user.is_authenticated:
        return []
    if user.is_facilitator or user.is_manager:
        return [
            NavItem(_("Cohorts"), reverse("learning:cohorts"), icon="group", order=20),
            NavItem(_("Reviews"), reverse("learning:review_queue"), icon="check", order=30),
        ]
    if user.is_expert:
        return []
    badge = selectors.assignments_to_do_count(participant=user)
    return [
        NavItem(_("Tasks"), reverse("learning:assignments"), icon="task", order=20, badge=badge)
    ]


# --- sign-up with a join code ---------------------------------------------------------------------


@hooks.register("signup_form_fields")
def join_code_field(form):
    form.fields["join_code"] = JoinCodeField(required=False)


@hooks.register("after_signup")
def join_after_signup(request, user, form):
    cohort = form.cleaned_data.get("join_code")
    if cohort is not None:
        services.enrolment_create(cohort=cohort, participant=user)


# --- demo data ------------------------------------------------------------------------------------


@hooks.register("sign_in_links")
def invitation_code_link(request):
    return [NavItem(label=_("I have an invitation code"), url=reverse("learning:invited_code"))]


@hooks.register("load_demo_data")
def load_learning_demo(*, stdout=None):
    from .demo import load_demo

    load_demo(stdout=stdout)


# --- the Wagtail admin (programme managers) ----------------------------------------------


@hooks.register("register_admin_viewset")
def register_viewsets():
    from .admin_ui import LearningViewSetGroup

    return LearningViewSetGroup()


@hooks.register("register_report_indicators")
def report_indicators():
    from .indicators import indicators

    return indicators()
