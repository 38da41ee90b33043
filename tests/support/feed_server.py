"""A small HTTP server on 127.0.0.1 that serves whatever feeds a test sets up.

    with FeedServer() as server:
        server.set("/feed.xml", Reply(body=rss_bytes, etag='"v1"'))
        import_feed(server.url("/feed.xml"))
        assert server.requests[-1].headers["If-None-Match"] == '"v1"'

A Reply can answer 304 to a matching If-None-Match / If-Modified-Since, redirect, wait before
answering (timeouts), stream a large body with or without Content-Length, or drip its status
line and headers one byte at a time (a server that holds a client without ever timing out).
"""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    stream_size: int = 0  # send this many filler bytes instead of ``body``
    declare_length: bool = True
    drip: float = 0.0  # seconds between single bytes of the status line and headers


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        owner = self.server.owner
        owner.requests.append(SeenRequest(self.command, self.path, dict(self.headers.items())))
        reply = owner.routes.get(self.path.split("?")[0])
        if reply is None:
            reply = Reply(body=b"not found", status=404, content_type="text/plain")
        if reply.delay:
            time.sleep(reply.delay)
        try:
            if reply.drip:
                self._drip(reply)
                return
            if self._not_modified(reply):
                self.send_response(304)
                self._validators(reply)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self._validators(reply)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.stream_size:
                self._stream(reply, head)
                return
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if not head:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts, size limits): that is the point of the test

    def _drip(self, reply: Reply) -> None:
        head = f"HTTP/1.1 {reply.status} OK\r\nContent-Type: {reply.content_type}\r\n"
        head += "".join(f"X-Slow-{n}: {'x' * 40}\r\n" for n in range(100))
        head += f"Content-Length: {len(reply.body)}\r\n\r\n"
        for byte in head.encode():
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(reply.drip)
        self.wfile.write(reply.body)

    def _not_modified(self, reply: Reply) -> bool:
        if reply.etag and self.headers.get("If-None-Match") == reply.etag:
            return True
        return bool(
            reply.last_modified and self.headers.get("If-Modified-Since") == reply.last_modified
        )

    def _validators(self, reply: Reply) -> None:
        if reply.etag:
            self.send_header("ETag", reply.etag)
        if reply.last_modified:
            self.send_header("Last-Modified", reply.last_modified)

    def _stream(self, reply: Reply, head: bool) -> None:
        chunk = b"<!-- " + b"x" * (64 * 1024 - 9) + b" -->"
        if reply.declare_length:
            self.send_header("Content-Length", str(reply.stream_size))
        else:
            self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        if head:
            return
        sent = 0
        while sent < reply.stream_size:
            part = chunk[: reply.stream_size - sent]
            if reply.declare_length:
                self.wfile.write(part)
            else:
                self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
            sent += len(part)
        if not reply.declare_length:
            self.wfile.write(b"0\r\n\r\n")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    owner: "FeedServer"


class FeedServer:
    """Serves ``routes`` (path → Reply) on 127.0.0.1 in a background thread."""

    def __init__(self):
        self.routes: dict[str, Reply] = {}
        self.requests: list[SeenRequest] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def set(self, path: str, reply: Reply) -> None:
        self.routes[path] = reply

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.routes[path] = Reply(
            status=status, content_type="text/plain", headers={"Location": to}
        )

    def start(self) -> "FeedServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FeedServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
