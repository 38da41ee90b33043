"""Operations on lesson videos: upload, queue, convert (the pipeline), retry, data saver.

Every file goes through Django's storage API: the source is copied out of storage into a
temporary folder, ffmpeg works there, and every output is stored with
``default_storage.save``. Nothing assumes the stored files have a local path, so
S3-compatible storage works.
"""

from __future__ import annotations

import logging
import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from video import ffmpeg
from video.models import DataSaver, DataSaverPreference, Video, VideoStatus

logger = logging.getLogger(__name__)

DEFAULT_MAX_UPLOAD_BYTES = 500 * 1024 * 1024
DEFAULT_MAX_DURATION_SECONDS = 30 * 60


def max_upload_bytes() -> int:
    return int(getattr(settings, "VIDEO_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))


def max_duration_seconds() -> float:
    return float(getattr(settings, "VIDEO_MAX_DURATION_SECONDS", DEFAULT_MAX_DURATION_SECONDS))


def video_create(*, title: str, source: File, collection=None, user=None) -> Video:
    """Store an upload and queue its conversion once the row is committed."""
    video = Video(title=title, source=source, uploaded_by_user=user)
    if collection is not None:
        video.collection = collection
    video.save()
    video_queue(video=video)
    return video


def video_queue(*, video: Video) -> int:
    """(Re)start the conversion: a new attempt number, then the task after commit.

    The attempt number is how a finished run knows it is still wanted: a run whose attempt
    is no longer the video's changes nothing.
    """
    Video.objects.filter(pk=video.pk).update(
        attempt=F("attempt") + 1,
        status=VideoStatus.WAITING,
        progress=0,
        failure_reason="",
    )
    video.refresh_from_db(fields=["attempt", "status", "progress", "failure_reason"])
    attempt = video.attempt
    from video.tasks import process_video

    transaction.on_commit(lambda: process_video.delay(video.pk, attempt))
    return attempt


def video_retry(*, video: Video) -> int:
    """The admin's retry button: run the whole conversion again."""
    return video_queue(video=video)


def video_process(*, video_id: int, attempt: int) -> str:
    """Convert one video into its HLS ladder. Returns the final status (or "stale").

    A failure's reason is written in the uploader's language (else the site's default).
    """
    video = Video.objects.filter(pk=video_id).select_related("uploaded_by_user").first()
    uploader = video.uploaded_by_user if video else None
    language = getattr(uploader, "preferred_language", "") or settings.LANGUAGE_CODE
    with translation.override(language):
        return _process(video_id, attempt)


def _process(video_id: int, attempt: int) -> str:
    claimed = Video.objects.filter(pk=video_id, attempt=attempt).update(
        status=VideoStatus.PROCESSING, progress=0, failure_reason=""
    )
    if not claimed:
        return "stale"
    video = Video.objects.get(pk=video_id)
    prefix = f"videos/hls/{video.pk}/{attempt}-{uuid.uuid4().hex[:8]}"
    stored: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="video-") as tmp:
            work = Path(tmp)
            source = _fetch_source(video, work)
            info = ffmpeg.probe(source)
            if info.duration > max_duration_seconds():
                raise ffmpeg.MediaError(
                    _("The video is %(length)s long; the limit is %(limit)s.")
                    % {
                        "length": _minutes(info.duration),
                        "limit": _minutes(max_duration_seconds()),
                    }
                )
            Video.objects.filter(pk=video.pk, attempt=attempt).update(
                duration=round(info.duration, 2),
                source_width=info.width,
                source_height=info.height,
            )
            ladder = ffmpeg.make_ladder(
                source,
                work / "hls",
                info,
                on_progress=lambda percent: _save_progress(video.pk, attempt, percent),
            )
            poster = ""
            if ffmpeg.make_poster(source, work / ffmpeg.POSTER, info):
                poster = _store(work / ffmpeg.POSTER, f"{prefix}/{ffmpeg.POSTER}")
                stored.append(poster)
            for relative in ladder.files:
                stored.append(_store(work / "hls" / relative, f"{prefix}/{relative}"))
    except ffmpeg.MediaError as error:
        _delete_files(stored)
        return _fail(video.pk, attempt, str(error))
    except Exception:
        logger.exception("Converting video %s failed", video_id)
        _delete_files(stored)
        return _fail(
            video.pk,
            attempt,
            _("The conversion stopped because of an unexpected error. Try again later."),
        )
    return _switch(video.pk, attempt, prefix, ladder.renditions, poster, stored)


def _fetch_source(video: Video, work: Path) -> Path:
    """Copy the upload out of storage, refusing it when it is over the size limit."""
    if not video.source or not default_storage.exists(video.source.name):
        raise ffmpeg.MediaError(_("The uploaded file is missing."))
    size = default_storage.size(video.source.name)
    if size > max_upload_bytes():
        raise ffmpeg.MediaError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": _megabytes(size), "limit": _megabytes(max_upload_bytes())}
        )
    if size == 0:
        raise ffmpeg.MediaError(_("The uploaded file is empty."))
    suffix = Path(video.source.name).suffix[:10]
    target = work / f"source{suffix}"
    with default_storage.open(video.source.name, "rb") as stream, open(target, "wb") as out:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            out.write(chunk)
    return target


def _store(path: Path, name: str) -> str:
    with open(path, "rb") as handle:
        saved = default_storage.save(name, File(handle))
    if saved != name:
        # Playlists name their segments; a renamed file would break the ladder.
        default_storage.delete(saved)
        raise RuntimeError(f"storage renamed {name} to {saved}")
    return saved


def _save_progress(video_id: int, attempt: int, percent: int) -> None:
    Video.objects.filter(pk=video_id, attempt=attempt, status=VideoStatus.PROCESSING).update(
        progress=percent
    )


def _fail(video_id: int, attempt: int, reason: str) -> str:
    Video.objects.filter(pk=video_id, attempt=attempt).update(
        status=VideoStatus.FAILED, failure_reason=reason[:1000], progress=0
    )
    return VideoStatus.FAILED


def _switch(
    video_id: int, attempt: int, prefix: str, renditions: list, poster: str, stored: list
) -> str:
    """Make the new ladder the one players see, in one UPDATE, if this run is still wanted."""
    with transaction.atomic():
        video = Video.objects.select_for_update().filter(pk=video_id).first()
        if video is None or video.attempt != attempt:
            transaction.on_commit(lambda: _delete_files(stored))
            return "stale"
        old_prefix = video.hls_prefix
        Video.objects.filter(pk=video_id).update(
            hls_prefix=prefix,
            renditions=renditions,
            poster=poster,
            status=VideoStatus.READY,
            progress=100,
            failure_reason="",
            processed_at=timezone.now(),
        )
        if old_prefix and old_prefix != prefix:
            transaction.on_commit(lambda: _delete_prefix_later(old_prefix))
    return VideoStatus.READY


def _delete_prefix_later(prefix: str) -> None:
    """Remove a replaced ladder once players that were given it have had time to finish.

    A page loaded just before the switch streams the old playlists and segments; deleting them
    at once would stop that video mid-way. Best effort: if the message is lost, files remain.
    """
    grace = settings.VIDEO_OLD_LADDER_GRACE_SECONDS
    if grace <= 0:
        delete_prefix(prefix)
        return
    from video.tasks import delete_ladder

    try:
        delete_ladder.apply_async((prefix,), countdown=grace)
    except Exception:  # the broker being down must not undo a finished conversion
        logger.exception("could not queue the removal of %s; its files stay", prefix)


def delete_prefix(prefix: str) -> None:
    """Delete every stored file under a prefix (best effort: a leftover file harms nobody)."""
    try:
        folders, files = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError, OSError):
        return
    for name in files:
        default_storage.delete(f"{prefix}/{name}")
    for folder in folders:
        delete_prefix(f"{prefix}/{folder}")


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not delete %s", name)


def _minutes(seconds: float) -> str:
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes}:{rest:02d}"


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def data_saver_get(*, user) -> str:
    if not getattr(user, "is_authenticated", False):
        return DataSaver.AUTO
    preference = DataSaverPreference.objects.filter(user=user).only("mode").first()
    return preference.mode if preference else DataSaver.AUTO


def data_saver_set(*, user, mode: str) -> str:
    if mode not in DataSaver.values:
        raise ValueError(mode)
    DataSaverPreference.objects.update_or_create(user=user, defaults={"mode": mode})
    return mode
