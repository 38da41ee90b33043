"""Audio files: duration, size and type read with mutagen; small versions made by ffmpeg."""

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import mutagen
from django.utils.translation import gettext as _

AUDIO_EXTENSIONS = ["mp3", "m4a", "mp4", "aac", "ogg", "oga", "opus", "wav", "flac"]

# mutagen's class name → the MIME type podcast apps expect in <enclosure type>.
_MIME_BY_KIND = {
    "MP3": "audio/mpeg",
    "EasyMP3": "audio/mpeg",
    "MP4": "audio/mp4",
    "EasyMP4": "audio/mp4",
    "AAC": "audio/aac",
    "OggVorbis": "audio/ogg",
    "OggOpus": "audio/ogg",
    "OggFLAC": "audio/ogg",
    "WAVE": "audio/wav",
    "FLAC": "audio/flac",
}
_EXTENSION_BY_MIME = {
    "audio/mpeg": "mp3",
    "audio/mp3": "mp3",
    "audio/mp4": "m4a",
    "audio/x-m4a": "m4a",
    "audio/aac": "aac",
    "audio/ogg": "ogg",
    "audio/opus": "opus",
    "audio/wav": "wav",
    "audio/x-wav": "wav",
    "audio/flac": "flac",
}

DATA_SAVER_BITRATE = 32_000  # mono speech stays clear at 32 kbps; the issue allows up to 48


class AudioError(ValueError):
    """The file is not audio we can read."""


@dataclass(frozen=True)
class AudioMetadata:
    duration: int
    size: int
    mime: str
    channels: int | None
    bitrate: int | None


def audio_metadata_read(fileobj, *, name: str = "") -> AudioMetadata:
    """Duration (whole seconds), size (bytes) and MIME type of an audio file object."""
    fileobj.seek(0, os.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    try:
        audio = mutagen.File(fileobj)
    except mutagen.MutagenError as error:
        raise AudioError(_("This file could not be read as audio: %s") % error) from error
    finally:
        fileobj.seek(0)
    if audio is None or not getattr(audio.info, "length", 0):
        raise AudioError(
            _("This file is not audio that podcast apps can play (use MP3, M4A, OGG or Opus).")
        )
    mime = _MIME_BY_KIND.get(type(audio).__name__) or (audio.mime[0] if audio.mime else "")
    return AudioMetadata(
        duration=max(1, round(audio.info.length)),
        size=size,
        mime=mime or "audio/mpeg",
        channels=getattr(audio.info, "channels", None),
        bitrate=getattr(audio.info, "bitrate", None),
    )


def extension_for(mime: str, name: str = "") -> str:
    suffix = Path(name).suffix.lstrip(".").lower()
    if suffix in AUDIO_EXTENSIONS:
        return suffix
    return _EXTENSION_BY_MIME.get((mime or "").lower(), "mp3")


def ffmpeg_path() -> str:
    """ffmpeg from PATH, else the binary that imageio-ffmpeg ships."""
    found = shutil.which("ffmpeg")
    if found:
        return found
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def data_saver_encode(source: Path, target: Path, *, bitrate: int = DATA_SAVER_BITRATE) -> None:
    """Encode ``source`` as mono MP3 at ``bitrate`` (MP3 plays on every phone)."""
    command = [
        ffmpeg_path(),
        "-nostdin",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-i",
        str(source),
        "-vn",
        "-ac",
        "1",
        "-ar",
        "22050",
        "-codec:a",
        "libmp3lame",
        "-b:a",
        str(bitrate),
        str(target),
    ]
    result = subprocess.run(command, capture_output=True, timeout=600, check=False)
    if result.returncode != 0:
        raise AudioError(result.stderr.decode("utf-8", "replace")[-500:])


def tone_or_speech_mp3(text: str, target: Path, *, voice: str = "id", seconds: int = 8) -> None:
    """A short demo MP3: speech from espeak-ng if installed, else a tone from ffmpeg."""
    ffmpeg = ffmpeg_path()
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        espeak = shutil.which("espeak-ng") or shutil.which("espeak")
        made = False
        if espeak:
            result = subprocess.run(
                [espeak, "-v", voice, "-s", "140", "-w", str(wav), text],
                capture_output=True,
                timeout=60,
                check=False,
            )
            made = result.returncode == 0 and wav.exists() and wav.stat().st_size > 1000
        source = (
            ["-i", str(wav)]
            if made
            else ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
        )
        subprocess.run(
            [
                ffmpeg,
                "-nostdin",
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                *source,
                "-ac",
                "1",
                "-ar",
                "44100",
                "-codec:a",
                "libmp3lame",
                "-b:a",
                "64k",
                str(target),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
