"""Data-saver audio: a small mono MP3 of each uploaded episode, made once by ffmpeg."""

import tempfile
from pathlib import Path

import mutagen
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from podcasts.audio import DATA_SAVER_BITRATE, data_saver_encode
from podcasts.models import DataSaverAudio


def data_saver_make(*, source_name: str) -> DataSaverAudio | None:
    """Make (once) the mono ≤48 kbps MP3 of an uploaded file. Idempotent."""
    existing = DataSaverAudio.objects.filter(source_name=source_name).first()
    if existing is not None:
        return existing
    if not default_storage.exists(source_name):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source_path = Path(tmp) / ("source" + Path(source_name).suffix)
        target_path = Path(tmp) / "saver.mp3"
        with default_storage.open(source_name, "rb") as source, open(source_path, "wb") as out:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                out.write(chunk)
        data_saver_encode(source_path, target_path, bitrate=DATA_SAVER_BITRATE)
        info = mutagen.File(target_path).info
        stem = Path(source_name).stem
        with open(target_path, "rb") as handle:
            saver = DataSaverAudio(
                source_name=source_name,
                size=target_path.stat().st_size,
                bitrate=int(getattr(info, "bitrate", DATA_SAVER_BITRATE)),
            )
            saver.file.save(f"{stem}-saver.mp3", File(handle), save=False)
    try:
        with transaction.atomic():
            saver.save()
    except IntegrityError:  # another worker made it at the same time
        default_storage.delete(saver.file.name)
        return DataSaverAudio.objects.get(source_name=source_name)
    return saver
