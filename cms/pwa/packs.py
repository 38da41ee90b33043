"""What "save for offline" downloads: a page's pack, the addresses and real sizes of its files.

A module's pack is the module page and each lesson the person may read, as rendered for them
(measured by rendering), with the image renditions those lessons show, their worksheets, the
audio of the episodes they embed and the audio-only rung of their videos (sizes from the stored
files). Apps below cms add the files of their own pages through the ``offline_pack_items`` hook
(podcasts: an episode's audio), so cms imports none of them.
"""

import copy
import posixpath
import re
from dataclasses import asdict, dataclass, field

from django.core.files.storage import default_storage
from django.template.response import TemplateResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from cms.hooks import OFFLINE_PACK_ITEMS, Refusal, lesson_refusal
from cms.models import ModulePage

IMAGE_RENDITIONS = ("width-360", "width-720")  # what blocks/image_block.html shows


@dataclass
class PackItem:
    """One address to keep. ``text`` is stored as given instead of fetched (a playlist written
    for offline); ``aliases`` are other addresses the page may ask for the same file."""

    url: str
    bytes: int
    text: str | None = None
    content_type: str = ""
    aliases: list[str] = field(default_factory=list)


@dataclass
class Pack:
    key: str
    title: str
    url: str
    items: list[PackItem]

    @property
    def bytes(self) -> int:
        return sum(item.bytes for item in self.items)

    def as_json(self) -> dict:
        items = [{k: v for k, v in asdict(item).items() if v or k == "bytes"} for item in self]
        return {
            "key": self.key,
            "title": self.title,
            "url": self.url,
            "bytes": self.bytes,
            "size": megabytes_label(self.bytes),
            "label": _("Save for offline · ≈ %(size)s") % {"size": megabytes_label(self.bytes)},
            "items": items,
        }

    def __iter__(self):
        return iter(self.items)


def megabytes_label(num_bytes: int) -> str:
    """3 400 000 → "3,4 MB" in Indonesian, "3.4 MB" in English (the active language)."""
    return f"{number_format(max(num_bytes / 1_000_000, 0.1), 1)} MB"


def rendered_page_item(request, page: Page) -> PackItem:
    """The page as this person gets it, measured by rendering it (without counting a visit)."""
    page = page.specific
    # The address as this request's site names it (``page.url`` alone is None when Wagtail
    # cannot tell the site without the request, as behind the production settings).
    url = page.get_url(request=request) or request.path
    fake = copy.copy(request)  # renders set flags on the request (the first video player's script)
    fake.path = fake.path_info = url
    response = TemplateResponse(fake, page.get_template(fake), page.get_context(fake))
    response.render()
    return PackItem(url=url, bytes=len(response.content))


def app_items(request, page: Page) -> list[PackItem] | None:
    """The files an app keeps with a page of its type (``offline_pack_items``), or None."""
    for fn in hooks.get_hooks(OFFLINE_PACK_ITEMS):
        items = fn(request, page)
        if items is not None:
            return items
    return None


def _file_size(name: str) -> int:
    try:
        return default_storage.size(name)
    except OSError:
        return 0


_STREAM = re.compile(r"(#EXT-X-STREAM-INF:[^\n]*)\n([^\n#][^\n]*)")


def video_items(video) -> list[PackItem]:
    """The audio-only rung of a video's ladder: its playlist and segments. The master and the
    144p playlist are stored as playlists of that rung, so the player finds them offline."""
    audio = video.rendition("audio") if video is not None and video.is_playable else None
    if audio is None:
        return []
    prefix, playlist = video.hls_prefix, audio["playlist"]
    try:
        with default_storage.open(f"{prefix}/{playlist}") as handle:
            lines = handle.read().decode().splitlines()
        with default_storage.open(f"{prefix}/master.m3u8") as handle:
            master = handle.read().decode()
    except OSError:
        return []
    items = [PackItem(video.storage_url(playlist), _file_size(f"{prefix}/{playlist}"))]
    absolute = []
    for line in lines:
        if line and not line.startswith("#"):
            relative = posixpath.normpath(posixpath.join(posixpath.dirname(playlist), line))
            items.append(PackItem(video.storage_url(relative), _file_size(f"{prefix}/{relative}")))
            line = video.storage_url(relative)
        absolute.append(line)
    stream = next((inf for inf, uri in _STREAM.findall(master) if uri.strip() == playlist), None)
    if stream:
        text = f"#EXTM3U\n{stream}\n{playlist}\n"
        items.append(PackItem(video.master_url, len(text.encode()), text, "application/x-mpegURL"))
    low = video.playlist_url("144p")
    if low:
        text = "\n".join(absolute) + "\n"
        items.append(PackItem(low, len(text.encode()), text, "application/x-mpegURL"))
    return items


def block_items(request, body) -> list[PackItem]:
    """The files a lesson body shows: image renditions, worksheets, episodes' audio, videos."""
    items: list[PackItem] = []
    for block in body:
        value = block.value
        if block.block_type == "image" and value.get("image"):
            for spec in IMAGE_RENDITIONS:
                rendition = value["image"].get_rendition(spec)
                items.append(PackItem(rendition.url, _file_size(rendition.file.name)))
        elif block.block_type == "worksheet" and value.get("document"):
            document = value["document"]
            size = document.file_size or _file_size(document.file.name)
            items.append(PackItem(document.url, size))
        elif block.block_type == "episode" and value.get("episode"):
            items += app_items(request, value["episode"].specific) or []
        elif block.block_type == "video":
            items += video_items(value.get("video"))
    return items


def _unique(items: list[PackItem]) -> list[PackItem]:
    seen, kept = set(), []
    for item in items:
        if item.url and item.url not in seen:
            seen.add(item.url)
            kept.append(item)
    return kept


def page_pack(request, page: Page) -> Pack | Refusal | None:
    """The pack of a live page this person may read; a Refusal if they may not; None if pages
    of its type are not saved for offline."""
    page = page.specific
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            return Refusal(_("You may not read this page."), status=403)
    key = f"page-{page.pk}"
    if isinstance(page, ModulePage):
        items = [rendered_page_item(request, page)]
        refusal = None
        readable = 0
        for lesson in page.lessons:
            if request.user.is_authenticated:
                refusal = lesson_refusal(request, lesson)
                if refusal is not None:
                    continue
            readable += 1
            items.append(rendered_page_item(request, lesson))
            items += block_items(request, lesson.body)
        if refusal is not None and not readable:
            return refusal
        return Pack(key, page.title, page.get_url(request=request), _unique(items))
    extra = app_items(request, page)
    if extra is None:
        return None
    return Pack(
        key,
        page.title,
        page.get_url(request=request),
        _unique([rendered_page_item(request, page), *extra]),
    )
