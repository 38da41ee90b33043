"""Views of the podcasts app: our feed, audio with Range support, transcripts, positions."""

import math

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cms.ranges import ranged_file_response
from podcasts import selectors, services
from podcasts.audio import AUDIO_EXTENSIONS
from podcasts.feeds import podcast_feed_render
from podcasts.models import EpisodePage, PodcastIndexPage

FEED_CACHE_SECONDS = 300


def _visible_episodes(request):
    """Live, public episodes; staff also reach drafts (the admin preview plays them)."""
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return EpisodePage.objects.all()
    return EpisodePage.objects.live().public()


@require_safe
def podcast_feed(request, slug: str, lang: str | None = None):
    """The RSS feed of one podcast. Cached by version; answers If-None-Match/If-Modified-Since."""
    if "\x00" in slug or (lang and "\x00" in lang):
        raise Http404(_("No such podcast."))  # PostgreSQL cannot even compare text with NUL
    podcasts = PodcastIndexPage.objects.live().public().filter(slug=slug)
    lang = lang or settings.LANGUAGE_CODE
    index = podcasts.filter(locale__language_code=lang).first()
    if index is None:
        raise Http404(_("No such podcast."))
    version, modified = selectors.feed_version(index=index)
    etag = quote_etag(version)
    last_modified = int(modified.timestamp()) if modified else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is None:
        key = f"podcasts:feed:{index.pk}:{version}:{request.scheme}:{request.get_host()}"
        body = cache.get(key)
        if body is None:
            episodes = list(selectors.feed_episodes(index=index))
            body = podcast_feed_render(
                request=request, index=index, episodes=episodes, modified=modified
            )
            cache.set(key, body, FEED_CACHE_SECONDS)
        response = HttpResponse(b"" if request.method == "HEAD" else body)
        response["Content-Type"] = "application/rss+xml; charset=utf-8"
        response["Content-Length"] = str(len(body))
    else:
        response = not_modified
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
    return response


@require_safe
def episode_audio(request, pk: int, ext: str = "mp3", variant: str = "full"):
    """An episode's audio (or its data-saver version) with Range, HEAD and downloads."""
    if ext not in AUDIO_EXTENSIONS:
        raise Http404(_("This episode has no audio."))
    episode = get_object_or_404(_visible_episodes(request), pk=pk)
    if variant == "saver":
        saver = selectors.data_saver_for(episode=episode)
        if saver is None:
            raise Http404(_("There is no data-saver version of this episode yet."))
        name, content_type, ext = saver.file.name, "audio/mpeg", "mp3"
        suffix = "-hemat"
    else:
        if not episode.audio_file:
            if episode.audio_url:
                return redirect(episode.audio_url)
            raise Http404(_("This episode has no audio."))
        name, content_type, suffix = episode.audio_file.name, episode.audio_type, ""
    download = f"{episode.slug}{suffix}.{ext}" if request.GET.get("download") else None
    return ranged_file_response(
        request, name, content_type=content_type or None, download_name=download
    )


@require_safe
def episode_transcript(request, pk: int):
    episode = get_object_or_404(_visible_episodes(request), pk=pk)
    if not episode.transcript:
        raise Http404(_("This episode has no transcript."))
    return HttpResponse(episode.transcript, content_type="text/plain; charset=utf-8")


@require_POST
def episode_position(request, pk: int):
    """Save where a signed-in listener stopped (the player posts it while playing)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Sign in to remember your place.")}, status=401)
    episode = EpisodePage.objects.live().public().filter(pk=pk).first()
    if episode is None:
        return JsonResponse({"error": _("No such episode.")}, status=404)
    try:
        seconds = float(request.POST.get("seconds", ""))
    except ValueError:
        seconds = math.nan
    limit = (episode.duration or 24 * 3600) + 60
    if not math.isfinite(seconds) or not 0 <= seconds <= limit:
        return JsonResponse({"error": _("The position must be a number of seconds.")}, status=400)
    services.playback_position_save(user=request.user, episode=episode, seconds=seconds)
    return JsonResponse({"seconds": seconds})
