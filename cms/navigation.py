"""The curriculum's navigation, cached: routes, stages, modules, lessons, previous/next, the
language switcher's alternates, and each lesson's rendered body.

None of it is personal: the same for everyone who reads the same page in the same language.
Everything is kept in Django's cache (Redis in production, local memory in the embedded
default) under a *version* token that changes whenever a page is published, unpublished,
moved or deleted, a view restriction or a site changes, or a document, image or video a
lesson shows is saved (see ``invalidate`` and ``connect_signals``). A missed change (another
process with its own local-memory cache) is bounded by ``NAVIGATION_CACHE_SECONDS``.

What a person did (progress, reflections, submissions) is never cached here: it is read per
request, and pinned to the request or the user object only.
"""

from __future__ import annotations

import contextvars
import logging
import pickle
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.pages import RouteResult

logger = logging.getLogger(__name__)
VERSION_KEY = "cms:nav:version"
PERSONAL_BLOCKS = frozenset({"video"})  # rendered per request (data-saver choice, CSRF token)


def _get(key: str, default=None):
    """The cache, or ``default`` when it cannot be reached (a Redis restart): the navigation is
    then built from the database, slower but correct."""
    try:
        return cache.get(key, default)
    except Exception:
        logger.warning("cache unreachable: navigation built from the database", exc_info=True)
        return default


def _set(key: str, value, timeout) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("cache unreachable: navigation not stored", exc_info=True)


def _timeout() -> int:
    return int(getattr(settings, "NAVIGATION_CACHE_SECONDS", 600))


# Within one request the version is read once, and each curriculum fetched once (kept as
# bytes: every caller gets its own copy to annotate). Outside a request nothing is memoised.
_request_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "cms_navigation_memo", default=None
)
# The route table never changes once built: one per process, for the current version.
_shared_table: dict[str, RouteTable] = {}


def _request_started(**kwargs) -> None:
    _request_memo.set({})


def _request_finished(**kwargs) -> None:
    _request_memo.set(None)


request_started.connect(_request_started, dispatch_uid="cms_navigation_memo_start")
request_finished.connect(_request_finished, dispatch_uid="cms_navigation_memo_end")


def version() -> str:
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    token = _get(VERSION_KEY)
    if token is None:
        token = uuid.uuid4().hex
        try:
            if not cache.add(VERSION_KEY, token, None):
                token = cache.get(VERSION_KEY) or token
        except Exception:
            # No shared cache: a version of this request's own, so nothing is reused from it.
            logger.warning("cache unreachable: navigation not cached", exc_info=True)
    if memo is not None:
        memo["version"] = token
    return token


def _new_version() -> None:
    _set(VERSION_KEY, uuid.uuid4().hex, None)
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


def invalidate(**kwargs) -> None:
    """A new version: every cached route, curriculum and body is rebuilt on next use. Again
    after the commit, so a request that rebuilt from the old rows meanwhile is not kept."""
    _new_version()
    transaction.on_commit(_new_version)


def _key(*parts) -> str:
    return ":".join(["cms:nav", version(), *(str(part) for part in parts)])


def remembered(name: str, build):
    """A value worked out from published pages (the podcast the navigation opens), cached like
    the curriculum: per language, until the next publish. ``build`` returns something
    picklable, and nothing personal."""
    key = _key("value", name, translation.get_language())
    value = _get(key, _MISSING)
    if value is _MISSING:
        value = build()
        _set(key, value, _timeout())
    return value


_MISSING = object()


# --- the route table ----------------------------------------------------------------------------


@dataclass
class RouteTable:
    """Every live curriculum page by ``url_path``, the home pages by (translation key,
    language), the paths under a view restriction, and each page's URL in every language."""

    pages: dict[str, tuple[str, int, int | None]] = field(default_factory=dict)
    homes: dict[tuple[str, str], str] = field(default_factory=dict)
    restricted: tuple[str, ...] = ()
    programmes: dict[int, list[int]] = field(default_factory=dict)
    alternates: dict[str, dict[str, str]] = field(default_factory=dict)

    def programme_id(self, page: Page) -> int | None:
        entry = self.pages.get(page.url_path)
        return entry[2] if entry else None

    def is_restricted(self, path: str) -> bool:
        return any(path.startswith(prefix) for prefix in self.restricted)


def _curriculum_models():
    from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage, StagePage

    return HomePage, ProgrammePage, StagePage, ModulePage, LessonPage


def _build_table(request) -> RouteTable:
    from django.contrib.contenttypes.models import ContentType

    home_model, programme_model, *others = _curriculum_models()
    models = {
        ContentType.objects.get_for_model(model).pk: model
        for model in (home_model, programme_model, *others)
    }
    table = RouteTable()
    rows = (
        Page.objects.live()
        .filter(content_type_id__in=models)
        .select_related("locale")
        .only("id", "path", "depth", "url_path", "translation_key", "content_type_id")
        .only("locale__language_code")
        .order_by("path")
    )
    programmes: dict[str, int] = {}
    homes: dict[str, int] = {}
    for page in rows:
        model = models[page.content_type_id]
        language = page.locale.language_code
        programme = None
        if model is home_model:
            table.homes[(page.translation_key.hex, language)] = page.url_path
            homes[page.path] = page.pk
        else:
            if model is programme_model:
                programmes[page.path] = page.pk
                home = homes.get(page.path[: -Page.steplen])
                if home is not None:
                    table.programmes.setdefault(home, []).append(page.pk)
            programme = next(
                (
                    programmes[page.path[:end]]
                    for end in range(Page.steplen, len(page.path) + 1, Page.steplen)
                    if page.path[:end] in programmes
                ),
                None,
            )
        table.pages[page.url_path] = (model._meta.label_lower, page.pk, programme)
        url = page.get_url(request)
        if url:
            table.alternates.setdefault(page.translation_key.hex, {})[language] = url
    table.restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return table


def route_table(request=None) -> RouteTable:
    key = _key("routes")
    table = _shared_table.get(key)
    if table is not None:
        return table
    table = _get(key)
    if table is None:
        table = _build_table(request)
        _set(key, table, _timeout())
    _shared_table.clear()
    _shared_table[key] = table
    return table


def _site(request) -> Site | None:
    try:
        host = request.get_host()
    except Exception:  # a host Django refuses: leave it to the normal path
        return None
    key = _key("site", host, request.get_port())
    site = _get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        _set(key, site, _timeout())
    return site


def resolve(request, path: str) -> tuple[Site, RouteResult] | None:
    """A live curriculum page at ``path`` (under the language prefix), with one query: the
    page itself. None when the path is not one (Wagtail's own routing then walks the tree)."""
    site = _site(request)
    if site is None or site.root_page is None:
        return None
    table = route_table(request)
    root = site.root_page
    home_path = table.homes.get((root.translation_key.hex, translation.get_language()))
    if home_path is None:
        return None
    components = [component for component in path.split("/") if component]
    entry = table.pages.get(home_path + "".join(f"{c}/" for c in components))
    if entry is None:
        return None
    label, pk, _programme = entry
    from django.apps import apps

    model = apps.get_model(label)
    page = model.objects.filter(pk=pk, live=True).first()
    if page is None:
        return None
    return site, RouteResult(page)


# --- one programme's curriculum ---------------------------------------------------------------


@dataclass
class Curriculum:
    """A programme's stages, modules and lessons (live, in tree order), in one language."""

    programme: Page
    stages: list
    modules: list
    lessons: list

    def module_of(self, page: Page):
        parent = page.path[: -Page.steplen]
        return next((module for module in self.modules if module.path == parent), None)

    def neighbours(self, lesson: Page):
        previous = following = None
        for item in self.lessons:
            if item.path < lesson.path:
                previous = item
            elif item.path > lesson.path:
                following = item
                break
        return previous, following


LESSON_FIELDS = (
    "id",
    "path",
    "depth",
    "title",
    "slug",
    "url_path",
    "translation_key",
    "required",
    "estimated_minutes",
    "summary",
    "locale_id",
    "live",
)


def _build_curriculum(programme_id: int) -> Curriculum | None:
    from cms.models import LessonPage, ModulePage, ProgrammePage, StagePage

    programme = ProgrammePage.objects.filter(pk=programme_id).first()
    if programme is None:
        return None
    return Curriculum(
        programme=programme,
        stages=list(StagePage.objects.live().child_of(programme).order_by("order", "path")),
        modules=list(ModulePage.objects.live().descendant_of(programme).order_by("path")),
        lessons=list(
            LessonPage.objects.live().descendant_of(programme).order_by("path").only(*LESSON_FIELDS)
        ),
    )


def curriculum(programme_id: int) -> Curriculum | None:
    """The programme's curriculum: a fresh copy each call (callers may annotate it)."""
    key = _key("curriculum", programme_id)
    memo = _request_memo.get()
    data = memo.get(key) if memo is not None else None
    if data is None:
        data = _get(key)
        if data is None:
            found = _build_curriculum(programme_id)
            if found is None:
                return None
            data = pickle.dumps(found, pickle.HIGHEST_PROTOCOL)
            _set(key, data, _timeout())
        if memo is not None:
            memo[key] = data
    return pickle.loads(data)


def curriculum_of(page: Page, request=None) -> Curriculum | None:
    """The curriculum the page belongs to, or None when it is not a curriculum page."""
    programme_id = route_table(request).programme_id(page)
    return curriculum(programme_id) if programme_id else None


# --- a lesson's body -------------------------------------------------------------------------


def render_body(page: Page, context) -> str:
    """The lesson's StreamField, each block rendered once per published revision and language;
    blocks that differ per person (``PERSONAL_BLOCKS``) are rendered for every request."""
    flat = context.flatten() if hasattr(context, "flatten") else dict(context)
    previewing = getattr(flat.get("request"), "is_preview", False)
    if previewing or not page.live or page.pk is None:
        return mark_safe("".join(block.render(context=flat) for block in page.body))
    # The data saver changes which image renditions the blocks name: one copy for each choice.
    saver = "saver" if getattr(flat.get("request"), "data_saver", False) else "full"
    key = _key("body", page.pk, page.live_revision_id, translation.get_language(), saver)
    chunks = _get(key)
    if chunks is None:
        chunks = [
            None if block.block_type in PERSONAL_BLOCKS else str(block.render(context=flat))
            for block in page.body
        ]
        _set(key, chunks, _timeout())
    # Panels an app puts in a block's place for this person (a reflection question becomes
    # the person's answer form: ``block_panels``, filled by the lesson context hooks).
    swaps = flat.get("block_panels") or {}
    if None not in chunks and not swaps:  # nothing personal: no image or page is fetched
        return mark_safe("".join(chunks))
    out = []
    for chunk, block in zip(chunks, page.body, strict=False):
        swap = swaps.get(block.id)
        if swap is not None:
            out.append(
                render_to_string(
                    swap.template, {**flat, "panel": swap.context}, request=flat.get("request")
                )
            )
        else:
            out.append(chunk if chunk is not None else str(block.render(context=flat)))
    return mark_safe("".join(out))


# --- invalidation --------------------------------------------------------------------------------


def _on_model_change(sender, **kwargs) -> None:
    invalidate()


def _on_page_saved_or_deleted(sender, instance, **kwargs) -> None:
    # Pages are saved and deleted as their own subclasses, so the signal names the subclass.
    # Pages made with add_child() are live without a page_published signal: this covers them.
    if isinstance(instance, Page):
        invalidate()


def connect_signals() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from video.models import Video

    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(_on_model_change, dispatch_uid="cms_nav_page_event")
    post_save.connect(_on_page_saved_or_deleted, dispatch_uid="cms_nav_page_saved")
    post_delete.connect(_on_page_saved_or_deleted, dispatch_uid="cms_nav_page_deleted")
    for model in (PageViewRestriction, Site, get_document_model(), get_image_model(), Video):
        post_save.connect(_on_model_change, sender=model, dispatch_uid="cms_nav_saved")
        post_delete.connect(_on_model_change, sender=model, dispatch_uid="cms_nav_deleted")
