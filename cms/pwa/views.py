"""The installable app's own addresses: manifest, service worker, offline page, saved list and
the pack a "save for offline" button downloads. Views parse, ask packs.py, render."""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from wagtail import hooks
from wagtail.models import Page

from cms.hooks import SERVICE_WORKER_SCRIPTS, Refusal
from cms.pwa.packs import page_pack

WORKER_SOURCE = Path(__file__).with_name("worker.js")
THEME_COLOUR = "#0b6e5d"
BACKGROUND_COLOUR = "#fafaf7"
ICONS = [
    ("cms/icons/icon-192.png", "192x192", "any"),
    ("cms/icons/icon-512.png", "512x512", "any"),
    ("cms/icons/icon-maskable-192.png", "192x192", "maskable"),
    ("cms/icons/icon-maskable-512.png", "512x512", "maskable"),
]
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


@require_safe
@cache_control(max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest in the language of its address (/id/… or /en/…)."""
    data = {
        "id": "/",
        "name": _("Berdaya: learning and coaching for returning migrant workers"),
        "short_name": "Berdaya",
        "description": _("Lessons, podcasts and coaching that work on a phone, even offline."),
        "lang": translation.get_language(),
        "start_url": f"/{translation.get_language()}/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    body = json.dumps(data, ensure_ascii=False)
    return HttpResponse(body, content_type="application/manifest+json; charset=utf-8")


def _in_each_language(name: str) -> dict[str, str]:
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            urls[code] = reverse(name)
    return urls


def worker_imports() -> list[str]:
    """The static paths the worker imports: the apps' (hook) and PWA_WORKER_IMPORTS."""
    paths = [path for fn in hooks.get_hooks(SERVICE_WORKER_SCRIPTS) for path in fn()]
    return [*paths, *getattr(settings, "PWA_WORKER_IMPORTS", [])]


def worker_body() -> str:
    """The worker as served: its settings, its own code, then the imported scripts."""
    offline = _in_each_language("pwa_offline")
    config = {
        "language": settings.LANGUAGE_CODE,
        "offline": offline,
        "shell": [
            static("cms/site.css"),
            static("cms/pwa.js"),
            static("cms/offline.js"),
            *offline.values(),
            *(static(path) for path, _sizes, _purpose in ICONS),
        ],
        "static": settings.STATIC_URL,
        "images": [settings.MEDIA_URL + p for p in settings.PUBLIC_MEDIA_PREFIXES if "image" in p],
        "never": ["/admin/", "/sw.js", "/django-admin/"],
        "signOut": list(_in_each_language("accounts:logout").values()),
    }
    imports = [static(path) for path in worker_imports()]
    source = WORKER_SOURCE.read_text()
    seed = json.dumps([config, imports]) + source
    config["version"] = hashlib.sha256(seed.encode()).hexdigest()[:12]
    lines = [f"self.BERDAYA_CONFIG = {json.dumps(config)};", source]
    if imports:
        lines.append("importScripts(" + ", ".join(json.dumps(url) for url in imports) + ");")
    return "\n".join(lines)


@require_safe
@never_cache
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker at the site's root, so its scope is the whole site."""
    return HttpResponse(worker_body(), content_type="application/javascript")


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What the worker shows for a page that was never opened, when there is no signal. The
    worker keeps one copy for everyone, so it shows nothing of the person."""
    return render(request, "cms/offline.html")


@require_safe
def saved(request: HttpRequest) -> HttpResponse:
    """What is saved on this phone: the list is read from the phone's storage by offline.js."""
    return render(request, "cms/saved.html")


@require_safe
@never_cache
def pack(request: HttpRequest, page_id: int) -> HttpResponse:
    """The files "save for offline" downloads for a page, with their sizes."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    result = page_pack(request, page)
    if result is None:
        raise Http404
    if isinstance(result, Refusal):
        return JsonResponse({"error": str(result.message)}, status=result.status)
    return JsonResponse(result.as_json(), json_dumps_params={"ensure_ascii": False})
