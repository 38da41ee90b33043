"""A fake WhatsApp / SMS gateway for tests, on 127.0.0.1, in a thread of the test process.

It speaks two dialects:

- the generic JSON gateway (``HttpBackend``): ``POST /whatsapp`` and ``POST /sms`` with
  ``Authorization: Bearer <TOKEN>``; a WhatsApp body names an approved template, its language
  and exactly as many parameters as the template has; an SMS body has a non-empty text;
- Twilio's Messages API (``TwilioBackend``, through the SDK):
  ``POST /2010-04-01/Accounts/<SID>/Messages.json``, basic auth with the account SID and token,
  WhatsApp by ``ContentSid`` and ``ContentVariables`` ("1", "2", ... for each parameter), SMS by
  ``Body``.

Anything else (wrong credentials, unknown template, wrong parameter count, a number that is not
E.164) is refused with 400/401 and recorded in ``rejected``. The next answers can be planned:
``plan(500)``, ``plan(429, retry_after=2)``; ``delay`` slows every answer.

Like a gateway that honours idempotency keys, a request whose ``Idempotency-Key`` (or
reference) was accepted before is answered 200 again but not sent again: ``messages()`` is
what phones received, each once; ``requests()`` every accepted POST.

For tests of features that send (invitations, codes): ``last_message("0812...")`` returns the
last message that number received, as a dict ``{"channel", "to", "template", "language",
"params", "text", "reference", "received_at"}`` (``text`` is the SMS text, or the WhatsApp
parameters joined by spaces), or None.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = "gateway-test-token"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-test-token"
TWILIO_SMS_FROM = "+15005550006"
TWILIO_WHATSAPP_FROM = "+14155238886"
# Approved WhatsApp templates: name -> number of parameters.
TEMPLATES = {
    "berdaya_notification": 3,
    "clinic_reminder_1h": 3,
}
# Twilio Content SIDs of the same templates.
CONTENT_SIDS = {name: "HX" + f"{index:032d}" for index, name in enumerate(TEMPLATES, start=1)}
E164 = re.compile(r"^\+[1-9]\d{7,14}$")


def canonical(phone: str) -> str:
    """A number as the gateway sees it ("+62812..."), from any way of writing it."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("0"):
        return "+62" + digits[1:]
    return "+" + digits


class FakeGateway:
    """Start with ``FakeGateway().start()``; ``url`` is its origin."""

    def __init__(self):
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        self.url = ""
        self.reset()

    # --- control ------------------------------------------------------------------------------

    def reset(self) -> None:
        with self.lock:
            self._requests: list[dict] = []
            self._messages: list[dict] = []
            self._rejected: list[dict] = []
            self._seen: set[str] = set()
            self._plans: list[dict] = []
            self.delay = 0.0
            # Approved templates of the generic gateway (name -> number of parameters); a test
            # may approve more: ``gateway.templates["berdaya_code"] = 1``.
            self.templates = dict(TEMPLATES)

    def plan(self, status: int, *, retry_after=None, times: int = 1) -> None:
        """Answer the next ``times`` requests with ``status`` (and Retry-After)."""
        with self.lock:
            self._plans.extend({"status": status, "retry_after": retry_after} for _ in range(times))

    def requests(self) -> list[dict]:
        with self.lock:
            return list(self._requests)

    def messages(self) -> list[dict]:
        with self.lock:
            return list(self._messages)

    def rejected(self) -> list[dict]:
        with self.lock:
            return list(self._rejected)

    def last_message(self, phone: str) -> dict | None:
        """The last message the number received (any channel), or None."""
        number = canonical(phone)
        with self.lock:
            for message in reversed(self._messages):
                if message["to"] == number:
                    return dict(message)
        return None

    def wait_for(self, count: int, timeout: float = 30.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and len(self.messages()) < count:
            time.sleep(0.05)
        return self.messages()

    # --- settings for the backends ---------------------------------------------------------------

    def http_settings(self, channel: str) -> dict:
        """Settings that point ``channel``'s generic HTTP backend here (str values: also an env)."""
        prefix = channel.upper()
        return {
            f"{prefix}_BACKEND": "http",
            f"{prefix}_HTTP_URL": f"{self.url}/{channel}",
            f"{prefix}_HTTP_AUTH_HEADER": "Authorization",
            f"{prefix}_HTTP_AUTH_VALUE": f"Bearer {TOKEN}",
        }

    def twilio_settings(self, channel: str) -> dict:
        return {
            f"{channel.upper()}_BACKEND": "twilio",
            "TWILIO_ACCOUNT_SID": TWILIO_SID,
            "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
            "TWILIO_API_BASE_URL": self.url,
            "TWILIO_SMS_FROM": TWILIO_SMS_FROM,
            "TWILIO_WHATSAPP_FROM": TWILIO_WHATSAPP_FROM,
            "TWILIO_CONTENT_SIDS": dict(CONTENT_SIDS),
        }

    # --- the server --------------------------------------------------------------------------

    def start(self) -> FakeGateway:
        gateway = self

        class Handler(_Handler):
            pass

        Handler.gateway = gateway
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    def _next_plan(self) -> dict | None:
        with self.lock:
            return self._plans.pop(0) if self._plans else None

    def _accept(self, message: dict) -> bool:
        """Record an accepted request; False if its reference was sent before."""
        message["received_at"] = time.time()
        with self.lock:
            self._requests.append(message)
            key = message.get("reference") or f"#{len(self._requests)}"
            if key in self._seen:
                return False
            self._seen.add(key)
            self._messages.append(message)
            return True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    gateway: FakeGateway

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _reject(self, status: int, reason: str, what: dict | None = None) -> None:
        with self.gateway.lock:
            self.gateway._rejected.append({"status": status, "reason": reason, **(what or {})})
        self._send(status, {"error": reason, "code": status, "message": reason, "status": status})

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        if self.gateway.delay:
            time.sleep(self.gateway.delay)
        if path in ("/whatsapp", "/sms"):
            return self._generic(path.strip("/"), raw)
        match = re.fullmatch(r"/2010-04-01/Accounts/([^/]+)/Messages\.json", path)
        if match:
            return self._twilio(match.group(1), raw)
        return self._reject(404, f"no such path {path}")

    def _planned(self) -> bool:
        plan = self.gateway._next_plan()
        if not plan:
            return False
        headers = {}
        if plan["retry_after"] is not None:
            headers["Retry-After"] = str(plan["retry_after"])
        with self.gateway.lock:
            self.gateway._rejected.append(
                {"status": plan["status"], "reason": "planned", "at": time.time()}
            )
        self._send(plan["status"], {"error": "planned answer", "status": plan["status"]}, headers)
        return True

    def _generic(self, channel: str, raw: bytes) -> None:
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self._reject(401, "bad credentials")
        try:
            body = json.loads(raw)
        except ValueError:
            return self._reject(400, "body is not JSON")
        to = body.get("to", "")
        if not E164.match(str(to)):
            return self._reject(400, f"bad number {to!r}")
        reference = self.headers.get("Idempotency-Key") or body.get("reference", "")
        message = {"channel": channel, "to": to, "reference": reference}
        if channel == "whatsapp":
            template, params = body.get("template"), body.get("params")
            approved = self.gateway.templates
            if template not in approved:
                return self._reject(400, f"template {template!r} is not approved", message)
            if not isinstance(params, list) or len(params) != approved[template]:
                return self._reject(400, f"template {template} needs {approved[template]}")
            if not all(isinstance(p, str) and p.strip() for p in params):
                return self._reject(400, "empty template parameter", message)
            if body.get("language") not in ("id", "en"):
                return self._reject(400, f"no {body.get('language')!r} version of {template}")
            message.update(
                template=template, language=body["language"], params=params, text=" ".join(params)
            )
        else:
            text = body.get("text")
            if not isinstance(text, str) or not text.strip() or len(text) > 1600:
                return self._reject(400, "an SMS needs a text of 1 to 1600 characters", message)
            message.update(template="", language="", params=[], text=text)
        if self._planned():
            return
        self.gateway._accept(message)
        self._send(200, {"id": reference or "m", "status": "accepted"})

    def _twilio(self, account: str, raw: bytes) -> None:
        expected = base64.b64encode(f"{TWILIO_SID}:{TWILIO_TOKEN}".encode()).decode()
        if account != TWILIO_SID or self.headers.get("Authorization") != f"Basic {expected}":
            return self._reject(401, "Authenticate")
        form = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
        to, sender = form.get("To", ""), form.get("From", "")
        whatsapp = to.startswith("whatsapp:")
        number = to.removeprefix("whatsapp:")
        if not E164.match(number):
            return self._reject(400, f"bad To {to!r}")
        message = {"channel": "whatsapp" if whatsapp else "sms", "to": number, "reference": ""}
        if whatsapp:
            if sender != f"whatsapp:{TWILIO_WHATSAPP_FROM}":
                return self._reject(400, f"bad From {sender!r}")
            names = {sid: name for name, sid in CONTENT_SIDS.items()}
            template = names.get(form.get("ContentSid", ""))
            if template is None:
                return self._reject(400, "unknown ContentSid", message)
            try:
                variables = json.loads(form.get("ContentVariables", ""))
            except ValueError:
                return self._reject(400, "ContentVariables is not JSON", message)
            wanted = [str(i) for i in range(1, TEMPLATES[template] + 1)]
            if sorted(variables) != sorted(wanted):
                return self._reject(400, f"{template} needs variables {wanted}", message)
            params = [variables[key] for key in wanted]
            message.update(template=template, language="", params=params, text=" ".join(params))
        else:
            if sender != TWILIO_SMS_FROM:
                return self._reject(400, f"bad From {sender!r}")
            if not form.get("Body", "").strip():
                return self._reject(400, "empty Body", message)
            message.update(template="", language="", params=[], text=form["Body"])
        if self._planned():
            return
        self.gateway._accept(message)
        sid = "SM" + f"{len(self.gateway.requests()):032d}"
        self._send(201, {"sid": sid, "status": "queued", "to": to, "account_sid": account})
