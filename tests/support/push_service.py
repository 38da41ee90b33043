"""A small Web Push service for tests, on 127.0.0.1 (RFC 8030 / 8291 / 8292, the parts we use).

It plays both the push service and the browser behind it: ``subscribe`` hands out an endpoint
and the keys a browser would (it keeps the private key), so it can decrypt what it receives.
For each push it checks the VAPID header (ES256 signature, ``aud`` is this origin, ``exp`` in
the future and no more than 24 hours ahead, ``sub`` a mailto: or https: contact), the TTL,
Urgency and Topic headers and the payload size, decrypts the ``aes128gcm`` body, and records
what it got. It can be told to answer the next pushes with 404, 410, 429 + Retry-After or 500.

Messages with the same Topic replace each other per subscription, as RFC 8030 §5.4 says for
messages not yet delivered to the device: ``messages()`` is what the device ends up with,
``received()`` every accepted POST.

It runs as its own process (``python -m tests.support.push_service PORT``) so its decryption
costs CPU like a real peer would, not the GIL of the test. Use ``PushService`` from tests.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import http_ece
import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

MAX_BODY = 4096
URGENCIES = {"very-low", "low", "normal", "high"}
TOPIC_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64d(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64e(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


class VapidError(Exception):
    pass


def check_vapid(authorization: str, *, origin: str, now: float) -> dict:
    """The claims of a valid ``vapid t=...,k=...`` header; VapidError says what is wrong."""
    scheme, _, rest = (authorization or "").partition(" ")
    if scheme.lower() != "vapid":
        raise VapidError("Authorization must use the vapid scheme")
    parts = dict(item.strip().split("=", 1) for item in rest.split(",") if "=" in item)
    if "t" not in parts or "k" not in parts:
        raise VapidError("vapid needs t= and k=")
    try:
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b64d(parts["k"]))
        header_b64, claims_b64, signature_b64 = parts["t"].split(".")
        header = json.loads(b64d(header_b64))
        claims = json.loads(b64d(claims_b64))
        signature = b64d(signature_b64)
    except (ValueError, TypeError) as error:
        raise VapidError(f"malformed token: {error}") from error
    if header.get("alg") != "ES256" or len(signature) != 64:
        raise VapidError("token must be ES256")
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        public.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as error:
        raise VapidError("bad signature") from error
    if claims.get("aud") != origin:
        raise VapidError(f"aud {claims.get('aud')!r} is not {origin!r}")
    exp = claims.get("exp")
    if not isinstance(exp, int) or exp <= now:
        raise VapidError("exp missing or in the past")
    if exp > now + 24 * 3600:
        raise VapidError("exp more than 24 hours ahead")
    sub = claims.get("sub", "")
    if not (sub.startswith("mailto:") or sub.startswith("https:")):
        raise VapidError("sub must be a mailto: or https: contact")
    return {"claims": claims, "public_key": parts["k"]}


class State:
    """Subscriptions, planned answers and records; guarded by one lock."""

    def __init__(self, origin: str):
        self.origin = origin
        self.lock = threading.Lock()
        self.keys: dict[str, tuple[ec.EllipticCurvePrivateKey, bytes]] = {}
        self.plans: dict[str, list[dict]] = {}
        self.delay = 0.0
        self.received: list[dict] = []
        self.rejected: list[dict] = []
        self.by_topic: dict[tuple[str, str], dict] = {}
        self.counter = 0

    def subscribe(self, count: int) -> list[dict]:
        out = []
        for _ in range(count):
            key = ec.generate_private_key(ec.SECP256R1())
            auth = os.urandom(16)
            with self.lock:
                self.counter += 1
                sub_id = f"s{self.counter}"
                self.keys[sub_id] = (key, auth)
            public = key.public_key().public_bytes(
                serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
            )
            out.append(
                {
                    "endpoint": f"{self.origin}/push/{sub_id}",
                    "keys": {"p256dh": b64e(public), "auth": b64e(auth)},
                }
            )
        return out

    def next_plan(self, sub_id: str) -> dict | None:
        with self.lock:
            for key in (sub_id, "*"):
                queue = self.plans.get(key)
                if queue:
                    return queue.pop(0)
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    state: State

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: dict | None = None, headers: dict | None = None) -> None:
        data = json.dumps(body or {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self):
        url = urlsplit(self.path)
        state = self.state
        if url.path == "/_control/received":
            with state.lock:
                return self._send(200, {"received": state.received, "rejected": state.rejected})
        if url.path == "/_control/messages":
            with state.lock:
                return self._send(200, {"messages": list(state.by_topic.values())})
        if url.path == "/_control/count":
            with state.lock:
                return self._send(200, {"received": len(state.received)})
        query = parse_qs(url.query)
        return self._send(404, {"error": "unknown", "query": query})

    def do_POST(self):
        url = urlsplit(self.path)
        state = self.state
        if url.path == "/_control/subscribe":
            count = int(json.loads(self._body() or b"{}").get("count", 1))
            return self._send(200, {"subscriptions": state.subscribe(count)})
        if url.path == "/_control/plan":
            plan = json.loads(self._body())
            with state.lock:
                if "delay" in plan:
                    state.delay = float(plan["delay"])
                for answer in plan.get("answers", []):
                    state.plans.setdefault(plan.get("subscription", "*"), []).append(answer)
            return self._send(200, {})
        if url.path == "/_control/reset":
            self._body()
            with state.lock:
                state.plans.clear()
                state.received.clear()
                state.rejected.clear()
                state.by_topic.clear()
                state.delay = 0.0
            return self._send(200, {})
        if url.path.startswith("/push/"):
            return self._push(url.path.removeprefix("/push/"))
        return self._send(404, {"error": "unknown path"})

    def _reject(self, sub_id: str, status: int, reason: str) -> None:
        with self.state.lock:
            self.state.rejected.append({"subscription": sub_id, "status": status, "reason": reason})
        self._send(status, {"error": reason})

    def _push(self, sub_id: str) -> None:
        state = self.state
        body = self._body()
        received_at = time.time()
        if sub_id not in state.keys:
            return self._reject(sub_id, 404, "no such subscription")
        try:
            vapid = check_vapid(
                self.headers.get("Authorization", ""), origin=state.origin, now=received_at
            )
        except VapidError as error:
            return self._reject(sub_id, 401, str(error))
        ttl = self.headers.get("TTL")
        if ttl is None or not ttl.isdigit():
            return self._reject(sub_id, 400, "TTL header missing")
        urgency = self.headers.get("Urgency", "normal")
        if urgency not in URGENCIES:
            return self._reject(sub_id, 400, f"bad Urgency {urgency!r}")
        topic = self.headers.get("Topic")
        if topic is not None and (len(topic) > 32 or not set(topic) <= TOPIC_CHARS):
            return self._reject(sub_id, 400, "bad Topic")
        if len(body) > MAX_BODY:
            return self._reject(sub_id, 413, "payload too large")
        if self.headers.get("Content-Encoding") != "aes128gcm":
            return self._reject(sub_id, 415, "Content-Encoding must be aes128gcm")
        key, auth = state.keys[sub_id]
        try:
            plaintext = http_ece.decrypt(
                body, private_key=key, auth_secret=auth, version="aes128gcm"
            )
        except Exception as error:
            return self._reject(sub_id, 400, f"cannot decrypt: {error}")
        if state.delay:
            time.sleep(state.delay)
        plan = state.next_plan(sub_id)
        if plan and plan.get("status", 201) != 201:
            status = int(plan["status"])
            headers = {}
            if plan.get("retry_after") is not None:
                headers["Retry-After"] = str(plan["retry_after"])
            with state.lock:
                state.rejected.append(
                    {"subscription": sub_id, "status": status, "reason": "planned"}
                )
                if status in (404, 410):
                    state.keys.pop(sub_id, None)
            return self._send(status, {"error": "planned answer"}, headers)
        try:
            payload = json.loads(plaintext)
        except ValueError:
            payload = plaintext.decode("utf-8", "replace")
        record = {
            "subscription": sub_id,
            "payload": payload,
            "ttl": int(ttl),
            "urgency": urgency,
            "topic": topic,
            "claims": vapid["claims"],
            "vapid_key": vapid["public_key"],
            "size": len(body),
            "received_at": received_at,
        }
        with state.lock:
            state.received.append(record)
            state.by_topic[(sub_id, topic or f"#{len(state.received)}")] = record
        self.send_response(201)
        self.send_header("Location", f"{state.origin}/message/{len(state.received)}")
        self.send_header("Content-Length", "0")
        self.end_headers()


def serve(port: int, ready_file: str | None = None) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    Handler.state = State(f"http://127.0.0.1:{server.server_address[1]}")
    if ready_file:
        Path(ready_file).write_text(str(server.server_address[1]))
    server.serve_forever()


class PushService:
    """Start the service in its own process and talk to it from a test."""

    def __init__(self, tmp_dir: Path):
        self.tmp_dir = Path(tmp_dir)
        self.process: subprocess.Popen | None = None
        self.origin = ""
        self.http = requests.Session()

    def start(self) -> PushService:
        ready = self.tmp_dir / "push-service-port"
        ready.unlink(missing_ok=True)
        root = Path(__file__).resolve().parent.parent.parent
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.push_service", "0", str(ready)], cwd=root
        )
        deadline = time.monotonic() + 20
        while not ready.exists() or not ready.read_text():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the test push service did not start")
            time.sleep(0.05)
        self.origin = f"http://127.0.0.1:{int(ready.read_text())}"
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def cpu_seconds(self) -> float:
        """CPU time the service's process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def subscribe(self, count: int = 1) -> list[dict]:
        response = self.http.post(f"{self.origin}/_control/subscribe", json={"count": count})
        return response.json()["subscriptions"]

    def plan(self, answers: list[dict], *, subscription: str = "*", delay=None) -> None:
        body: dict = {"answers": answers, "subscription": subscription}
        if delay is not None:
            body["delay"] = delay
        self.http.post(f"{self.origin}/_control/plan", json=body).raise_for_status()

    def received(self) -> list[dict]:
        return self.http.get(f"{self.origin}/_control/received").json()["received"]

    def rejected(self) -> list[dict]:
        return self.http.get(f"{self.origin}/_control/received").json()["rejected"]

    def messages(self) -> list[dict]:
        return self.http.get(f"{self.origin}/_control/messages").json()["messages"]

    def count(self) -> int:
        return self.http.get(f"{self.origin}/_control/count").json()["received"]

    def wait_for(self, count: int, timeout: float = 30.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return self.received()
            time.sleep(0.1)
        return self.received()

    @staticmethod
    def subscription_id(endpoint: str) -> str:
        return endpoint.rsplit("/", 1)[-1]


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
