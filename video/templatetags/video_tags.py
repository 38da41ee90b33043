"""``{% video_player video caption=... %}``: the light HLS player with the data-saver choice."""

from django import template
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

from video import services
from video.models import DataSaver

register = template.Library()

HLS_JS = "video/vendor/hls.min.js"


def hls_js_url() -> str:
    """The vendored hls.js, or "" when it was not vendored (``make install`` without npm): the
    player then relies on the browser's own HLS and says so where there is none."""
    if finders.find(HLS_JS) or staticfiles_storage.exists(HLS_JS):
        return staticfiles_storage.url(HLS_JS)
    return ""


@register.inclusion_tag("video/player.html", takes_context=True)
def video_player(context, video, caption=""):
    request = context.get("request")
    user = getattr(request, "user", None)
    mode = getattr(request, "_video_data_saver", None)
    if mode is None:
        mode = services.data_saver_get(user=user) if user is not None else DataSaver.AUTO
        if request is not None:
            request._video_data_saver = mode
    # The player script goes out once per page, with the first player.
    first = request is not None and not getattr(request, "_video_player_js", False)
    if first:
        request._video_player_js = True
    choices = []
    urls = {}
    if video is not None and video.is_playable:
        top = next((item for item in reversed(video.renditions) if item.get("height")), None)
        for value, label, rendition in (
            (DataSaver.AUTO, DataSaver.AUTO.label, top),
            (DataSaver.LOW, DataSaver.LOW.label, video.rendition("144p")),
            (DataSaver.AUDIO, DataSaver.AUDIO.label, video.rendition("audio")),
        ):
            if rendition is None:
                continue
            choices.append(
                {"value": value, "label": label, "mb": video.megabytes(rendition["name"])}
            )
        urls = {
            DataSaver.AUTO: video.master_url,
            DataSaver.LOW: video.playlist_url("144p") or video.master_url,
            DataSaver.AUDIO: video.playlist_url("audio"),
        }
    # The person's one data-saver choice (or their phone's, set on the request by the site's
    # middleware as ``request.data_saver``) plays the 144p rung unless they chose audio only.
    if mode == DataSaver.AUTO and getattr(request, "data_saver", False):
        mode = DataSaver.LOW
    if choices and mode not in [choice["value"] for choice in choices]:
        mode = choices[0]["value"]
    play_mb = next((c["mb"] for c in choices if c["value"] == mode), None)
    return {
        "video": video,
        "caption": caption,
        "mode": mode,
        "choices": choices,
        "play_mb": play_mb,
        "urls": urls,
        "first": first,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "can_save": bool(user and user.is_authenticated),
        "hls_js": hls_js_url() if choices else "",
    }
