"""Template tags of the site shell: the language switcher and small display helpers."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

register = template.Library()


def _page_alternates(page: Page, request=None) -> dict[str, str]:
    from cms import navigation

    if page.live and not getattr(request, "is_preview", False):
        cached = navigation.route_table(request).alternates.get(page.translation_key.hex)
        if cached is not None:  # a curriculum or home page: from the cached table
            return cached
    alternates: dict[str, str] = {}
    for translated in page.get_translations(inclusive=True).live().select_related("locale"):
        url = translated.get_url()
        if url:
            alternates[translated.locale.language_code] = url
    return alternates


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """One small form per other language; each keeps the person on the same page."""
    request = context.get("request")
    current = translation.get_language()
    page = context.get("page") or context.get("self")
    alternates = _page_alternates(page, request) if isinstance(page, Page) else {}
    path = request.get_full_path() if request else "/"
    languages = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        target = alternates.get(code) or translate_url(path, code)
        if target == path:  # nothing to translate to: that language's home page
            target = f"/{code}/"
        languages.append({"code": code, "name": name, "next": target})
    return {"languages": languages, "request": request, "csrf_token": context.get("csrf_token")}


@register.simple_tag
def locale_root_url() -> str:
    """The home page of the current language."""
    return f"/{translation.get_language() or settings.LANGUAGE_CODE}/"


@register.filter
def item(mapping, key):
    """``mapping[key]``, or None: for dicts keyed by a variable (``block_panels|item:block.id``)."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def filesize_short(num_bytes) -> str:
    """1 234 567 → "1.2 MB"; for download links, so people know what data they spend."""
    try:
        size = float(num_bytes)
    except (TypeError, ValueError):
        return ""
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1000
    return ""


@register.simple_tag
def active_locale() -> Locale:
    return Locale.get_active()


@register.simple_tag(takes_context=True)
def local_time(context, starts_at, ends_at=None) -> str:
    """ "Sel, 25 Nov 2026 · 09.00–16.00 WITA" in the signed-in person's zone, as clinics show
    their times (a workshop session, for example)."""
    from cms.timespan import span_for

    if not starts_at:
        return ""
    request = context.get("request")
    return str(span_for(starts_at=starts_at, ends_at=ends_at, user=getattr(request, "user", None)))


@register.simple_tag(takes_context=True)
def lesson_body(context, page) -> str:
    """The lesson's blocks, from the cache per published revision and language
    (cms/navigation.py); a block that differs per person is rendered for each request."""
    from cms import navigation

    return navigation.render_body(page, context)
