"""Extension points that the apps below cms register with, through Wagtail's hook registry.

cms imports none of learning, coaching or podcasts; they call ``wagtail.hooks.register`` with
these names in their ``wagtail_hooks.py``:

``participant_home_panels``
    ``fn(request) -> list[HomePanel]``: panels on a signed-in person's home page (progress,
    next clinic, unread reminders). Lower ``order`` comes first.
``bottom_nav_items``
    ``fn(request) -> list[NavItem]``: extra entries for the phone's bottom navigation.
``load_demo_data``
    ``fn(*, stdout) -> None``: called by ``manage.py load_initial_data`` after the curriculum
    and the demo users exist. Must be idempotent.
``lesson_access``
    ``fn(request, lesson) -> Refusal | None``: asked before a lesson is served to a signed-in
    person. The first refusal is served instead of the lesson (its message and panels, with its
    status), so a lesson the person may not read is never rendered. This is where access rules
    live (the stage gate); templates only show what was decided.
``lesson_served``
    ``fn(request, lesson) -> None``: once per lesson view (GET) that passed ``lesson_access``,
    before the page renders: record visits here, never in a template or a context hook.
``lesson_page_context``
    ``fn(request, lesson, context) -> None``: adds to a lesson page's context (progress,
    "mark as done", saved reflections); the lesson template shows ``lesson_panels``, and a
    panel put in ``block_panels[block.id]`` in place of that body block (a reflection question
    becomes its answer form, so the question is shown once). Reads only: it runs while the
    page renders (and for an editor's preview).
``home_page_context`` / ``stage_page_context`` / ``module_page_context``
    ``fn(request, page, context) -> None``: adds to a signed-in person's home, stage or module
    page context (progress bars, locks); the templates show ``stage_panels`` /
    ``module_panels`` and per-item attributes the hook sets (``progress``, ``locked``).
``signup_form_fields``
    ``fn(form) -> None``: adds optional fields to the sign-up form (e.g. a join code); the
    field's own ``clean`` validates it, and ``after_signup`` acts on ``form.cleaned_data``.
``sign_in_links``
    ``fn(request) -> list[NavItem]``: links under the sign-in form (an invitation code).
``register_report_indicators``
    ``fn() -> list[cms.indicators.Indicator]``: what an app counts for the donor reports
    (enrolled, completed a stage, attended a clinic, ...). Each app keeps its indicators in its
    own ``indicators.py``; ``cms/indicators.py`` states the contract (who is counted, when, and
    why the result must be an unevaluated queryset of ids).
``service_worker_scripts``
    ``fn() -> list[str]``: static paths the site's service worker (cms/pwa) loads with
    ``importScripts`` (notifications: showing a push). Each script keeps to its own events.
``offline_pack_items``
    ``fn(request, page) -> list[cms.pwa.packs.PackItem] | None``: for a page of a type the app
    owns (an episode), the files "save for offline" keeps with it (its audio), with their
    sizes; None for pages it does not own.
"""

from dataclasses import dataclass, field

from wagtail import hooks

PARTICIPANT_HOME_PANELS = "participant_home_panels"
BOTTOM_NAV_ITEMS = "bottom_nav_items"
LOAD_DEMO_DATA = "load_demo_data"
LESSON_PAGE_CONTEXT = "lesson_page_context"
LESSON_ACCESS = "lesson_access"
LESSON_SERVED = "lesson_served"
REGISTER_REPORT_INDICATORS = "register_report_indicators"
SERVICE_WORKER_SCRIPTS = "service_worker_scripts"
OFFLINE_PACK_ITEMS = "offline_pack_items"


@dataclass
class HomePanel:
    """A block of the signed-in home page: a template and its context."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


@dataclass
class NavItem:
    """An entry in the bottom navigation."""

    label: str
    url: str
    icon: str = "dot"
    order: int = 100
    badge: int = 0


@dataclass
class Refusal:
    """Why a page is not served to this person: shown instead of its content."""

    message: str
    panels: list[HomePanel] = field(default_factory=list)
    status: int = 403


def collect_home_panels(request) -> list[HomePanel]:
    panels: list[HomePanel] = []
    for fn in hooks.get_hooks(PARTICIPANT_HOME_PANELS):
        panels.extend(fn(request) or [])
    return sorted(panels, key=lambda panel: panel.order)


def collect_nav_items(request) -> list[NavItem]:
    items: list[NavItem] = []
    for fn in hooks.get_hooks(BOTTOM_NAV_ITEMS):
        items.extend(fn(request) or [])
    return sorted(items, key=lambda item: item.order)


def run_lesson_context_hooks(request, lesson, context: dict) -> None:
    for fn in hooks.get_hooks(LESSON_PAGE_CONTEXT):
        fn(request, lesson, context)


def lesson_refusal(request, lesson) -> Refusal | None:
    """``lesson_access``: the first refusal of the registered rules, or None to serve."""
    for fn in hooks.get_hooks(LESSON_ACCESS):
        refusal = fn(request, lesson)
        if refusal is not None:
            return refusal
    return None


def run_lesson_served_hooks(request, lesson) -> None:
    """``lesson_served``: ``fn(request, lesson)`` once per lesson view that is served."""
    for fn in hooks.get_hooks(LESSON_SERVED):
        fn(request, lesson)


HOME_PAGE_CONTEXT = "home_page_context"
STAGE_PAGE_CONTEXT = "stage_page_context"
MODULE_PAGE_CONTEXT = "module_page_context"


def run_page_context_hooks(name: str, request, page, context: dict) -> None:
    """Run the ``home_page_context`` / ``stage_page_context`` / ``module_page_context`` hooks."""
    for fn in hooks.get_hooks(name):
        fn(request, page, context)


AFTER_SIGNUP = "after_signup"
SIGNUP_FORM_FIELDS = "signup_form_fields"


def run_signup_form_hooks(form) -> None:
    """``signup_form_fields``: ``fn(form)`` may add fields to the sign-up form."""
    for fn in hooks.get_hooks(SIGNUP_FORM_FIELDS):
        fn(form)


def run_after_signup_hooks(request, user, form) -> None:
    """``after_signup``: ``fn(request, user, form)``, inside the sign-up transaction."""
    for fn in hooks.get_hooks(AFTER_SIGNUP):
        fn(request, user, form)


SIGN_IN_LINKS = "sign_in_links"


def collect_sign_in_links(request) -> list[NavItem]:
    """``sign_in_links``: ``fn(request) -> list[NavItem]``, more ways in shown under the sign-in
    form (learning's "I have an invitation code")."""
    items: list[NavItem] = []
    for fn in hooks.get_hooks(SIGN_IN_LINKS):
        items.extend(fn(request) or [])
    return sorted(items, key=lambda item: item.order)
