"""Helpers for the offline tests: a module with real files to save, and a line that can be cut.

``Line`` is a small TCP relay on 127.0.0.1 in front of the test server. Chromium's offline
switch (``context.set_offline``) covers the page but not its service worker's own fetches, so
the offline tests also cut the line: then nothing reaches the server, whoever asks.
"""

import contextlib
import io
import socket
import threading

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from tests.podcasts.factories import make_podcast, mp3_bytes
from tests.support.fixtures.learning import build_programme


def build_offline_module() -> dict:
    """The programme of tests/support/fixtures/learning.py whose first module's first lesson
    shows a photo, a worksheet and a podcast episode (with its data-saver audio)."""
    from wagtail.models import Collection

    from podcasts.models import DataSaverAudio, EpisodePage

    pages = build_programme(lessons_per_module=2)
    if Collection.get_first_root_node() is None:  # flushed by a transactional test
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    # noise, so the renditions weigh what a photo does
    PILImage.effect_noise((1200, 900), 60).convert("RGB").save(buffer, "JPEG", quality=80)
    image = get_image_model().objects.create(title="Pasar", file=ImageFile(buffer, "pasar.jpg"))
    document = get_document_model().objects.create(
        title="Lembar kerja", file=ContentFile(b"%PDF-1.4\n" + b"x" * 40_000, name="lembar.pdf")
    )
    podcast = make_podcast(pages["home"])
    episode = podcast.add_child(
        instance=EpisodePage(
            title="Mengatur uang",
            slug="mengatur-uang",
            summary="Tiga amplop.",
            audio_file=ContentFile(mp3_bytes(30, channels=1, bitrate="64k"), name="uang.mp3"),
        )
    )
    episode.save_revision().publish()
    episode = EpisodePage.objects.get(pk=episode.pk)
    small = mp3_bytes(30, channels=1, bitrate="32k")
    DataSaverAudio.objects.update_or_create(
        source_name=episode.audio_file.name,
        defaults={
            "file": ContentFile(small, name="uang-hemat.mp3"),
            "size": len(small),
            "bitrate": 32_000,
        },
    )
    lesson = pages["lessons"]["internalisation"][0]
    lesson.body = [
        {"type": "text", "value": "<p>Belanja di pasar dengan catatan.</p>"},
        {"type": "image", "value": {"image": image.pk, "alt_text": "Pasar", "caption": ""}},
        {"type": "worksheet", "value": {"document": document.pk, "title": "", "description": ""}},
        {"type": "episode", "value": {"episode": episode.pk, "note": "Dengarkan."}},
    ]
    lesson.save_revision().publish()
    module = lesson.get_parent().specific
    return {**pages, "module": module, "lesson": lesson, "episode": episode, "image": image}


class Line:
    """A TCP relay from 127.0.0.1:<port> to ``target`` (host, port) that can be cut and mended.

    ``url`` is the base URL to give the browser; ``cut()`` closes the listening socket and every
    open connection, ``mend()`` listens again on the same port (the same origin)."""

    def __init__(self, target_url: str):
        host, port = target_url.rsplit("//", 1)[1].split(":")
        self.target = (host, int(port))
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._server: socket.socket | None = None
        self.mend()

    def mend(self) -> None:
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", self.port))
        server.listen(64)
        self._server = server
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()

    def cut(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
        with self._lock:
            for conn in list(self._open):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self._open.clear()

    close = cut

    def _accept(self, server: socket.socket) -> None:
        while True:
            try:
                client, _address = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for conn in (source, sink):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
            with self._lock:
                self._open.discard(source)
                self._open.discard(sink)
