"""The backends that send WhatsApp and SMS messages, chosen per channel by the settings
(``WHATSAPP_BACKEND``, ``SMS_BACKEND``):

- ``console``, the embedded default: logs the message and keeps it (``PhoneMessage``) for
  managers to read in the admin; a secret kind's text (a code) is logged but not kept.
- ``http``: a JSON gateway (an Indonesian SMS aggregator, a WhatsApp business provider): a
  configured URL, auth header or basic credentials, and body.
- ``twilio``: Twilio's official SDK, for SMS and WhatsApp (Content templates).

Each request carries the delivery's own reference (body and ``Idempotency-Key``), so a gateway
that honours it never sends a message twice when a worker died before recording the answer.
"""

from __future__ import annotations

import base64
import http.client
import json
import logging
import threading
from urllib.parse import urlencode

from cms.net import UnknownHostError
from notifications import conf
from notifications.channels.base import Result
from notifications.channels.phone import outbound
from notifications.models import PhoneMessage

logger = logging.getLogger(__name__)

DEFAULT_BODIES = {
    "whatsapp": {
        "to": "$to",
        "template": "$template",
        "language": "$language",
        "params": "$params",
        "reference": "$reference",
    },
    "sms": {"to": "$to", "text": "$text", "reference": "$reference"},
}


def setting(channel: str, name: str):
    return conf.get(f"{channel.upper()}_{name}")


class Backend:
    """Sends one channel's messages; ``send`` is called from a batch (maybe on threads)."""

    def __init__(self, channel: str):
        self.channel = channel

    def configured(self) -> bool:
        return True

    def send(self, *, to: str, message: dict, reference: str, secret: bool) -> Result:
        raise NotImplementedError

    def close(self) -> None:
        pass


class ConsoleBackend(Backend):
    def send(self, *, to, message, reference, secret) -> Result:
        logger.info(
            "%s to %s: %s %s", self.channel, to, message.get("template"), message.get("text")
        )
        kept = {
            "template": message.get("template", "") if self.channel == "whatsapp" else "",
            "language": message.get("language", ""),
            "params": [] if secret else message.get("params", []),
            "text": "(secret: not kept)" if secret else message.get("text", ""),
        }
        delivery_id = int(reference.rsplit("-", 1)[1])
        PhoneMessage.objects.get_or_create(
            delivery_id=delivery_id, defaults={"channel": self.channel, "to": to, **kept}
        )
        return Result(200, "kept in the console")


def _network(error: Exception) -> Result:
    if isinstance(error, outbound.GatewayRefused):
        return Result(None, f"refused, not sent: {error}"[:500], refused=True)
    return Result(None, f"network: {type(error).__name__}: {error}"[:500])


def _fill(template, values: dict):
    """The configured body with every "$name" string replaced by its value."""
    if isinstance(template, dict):
        return {key: _fill(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [_fill(value, values) for value in template]
    if isinstance(template, str) and template.startswith("$") and template[1:] in values:
        return values[template[1:]]
    return template


class HttpBackend(Backend):
    def configured(self) -> bool:
        return bool(setting(self.channel, "HTTP_URL"))

    def headers(self, reference: str) -> dict:
        headers = {"Content-Type": "application/json", "Idempotency-Key": reference}
        value = setting(self.channel, "HTTP_AUTH_VALUE")
        if value:
            headers[setting(self.channel, "HTTP_AUTH_HEADER") or "Authorization"] = value
        username = setting(self.channel, "HTTP_USERNAME")
        if username:
            pair = f"{username}:{setting(self.channel, 'HTTP_PASSWORD')}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        return headers

    def send(self, *, to, message, reference, secret) -> Result:
        values = {**message, "to": to, "reference": reference}
        template = setting(self.channel, "HTTP_BODY") or DEFAULT_BODIES[self.channel]
        body = json.dumps(_fill(template, values), ensure_ascii=False).encode()
        try:
            reply = outbound.request(
                "POST",
                setting(self.channel, "HTTP_URL"),
                body=body,
                headers=self.headers(reference),
                timeout=conf.get("PHONE_HTTP_TIMEOUT"),
            )
        except (outbound.GatewayRefused, UnknownHostError, OSError, http.client.HTTPException) as e:
            return _network(e)
        # Only the status: what the gateway says in its body is not ours to keep.
        return Result(reply.status, f"HTTP {reply.status}", reply.headers.get("Retry-After"))


class TwilioBackend(Backend):
    """Twilio's Messages API through its SDK, on an HTTP client that uses the outbound guard."""

    def __init__(self, channel: str):
        super().__init__(channel)
        self._client = None
        self._http = None

    def configured(self) -> bool:
        sender = conf.get(
            "TWILIO_WHATSAPP_FROM" if self.channel == "whatsapp" else "TWILIO_SMS_FROM"
        )
        return bool(conf.get("TWILIO_ACCOUNT_SID") and conf.get("TWILIO_AUTH_TOKEN") and sender)

    def client(self):
        if self._client is None:
            from twilio.rest import Client

            self._http = _GuardedTwilioHttp(timeout=conf.get("PHONE_HTTP_TIMEOUT"))
            self._client = Client(
                conf.get("TWILIO_ACCOUNT_SID"),
                conf.get("TWILIO_AUTH_TOKEN"),
                http_client=self._http,
                environment={},
            )
            self._client.api.base_url = conf.get("TWILIO_API_BASE_URL")
        return self._client

    def send(self, *, to, message, reference, secret) -> Result:
        from twilio.base.exceptions import TwilioRestException

        if self.channel == "whatsapp":
            content_sid = (conf.get("TWILIO_CONTENT_SIDS") or {}).get(message["template"])
            if not content_sid:
                return Result(400, f"no Twilio Content SID for template {message['template']}")
            variables = {str(i): value for i, value in enumerate(message["params"], start=1)}
            arguments = {
                "to": f"whatsapp:{to}",
                "from_": f"whatsapp:{conf.get('TWILIO_WHATSAPP_FROM')}",
                "content_sid": content_sid,
                "content_variables": json.dumps(variables, ensure_ascii=False),
            }
        else:
            arguments = {"to": to, "from_": conf.get("TWILIO_SMS_FROM"), "body": message["text"]}
        client = self.client()
        try:
            sent = client.messages.create(**arguments)
        except TwilioRestException as error:
            retry_after = getattr(self._http.local, "retry_after", None)
            return Result(error.status, f"Twilio {error.status} {error.code}"[:500], retry_after)
        except (outbound.GatewayRefused, UnknownHostError, OSError, http.client.HTTPException) as e:
            return _network(e)
        return Result(201, f"Twilio {sent.sid}"[:500])


def _twilio_http_base():
    from twilio.http import HttpClient

    return HttpClient


class _GuardedTwilioHttp(_twilio_http_base()):
    """The SDK's HTTP client interface over ``outbound.request`` (checked addresses only)."""

    def __init__(self, timeout: float):
        super().__init__(logger, False, timeout)
        self.local = threading.local()

    def request(
        self,
        method,
        uri,
        params=None,
        data=None,
        headers=None,
        auth=None,
        timeout=None,
        allow_redirects=False,
    ):
        from twilio.http.response import Response

        url = uri + ("?" + urlencode(params, doseq=True) if params else "")
        headers = dict(headers or {})
        if auth:
            pair = f"{auth[0]}:{auth[1]}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        body = urlencode(data or {}, doseq=True).encode()
        reply = outbound.request(
            method, url, body=body, headers=headers, timeout=timeout or self.timeout
        )
        self.local.retry_after = reply.headers.get("Retry-After")
        return Response(reply.status, reply.text, dict(reply.headers))


BACKENDS = {"console": ConsoleBackend, "http": HttpBackend, "twilio": TwilioBackend}


def backend_for(channel: str) -> Backend:
    name = setting(channel, "BACKEND") or "console"
    try:
        return BACKENDS[name](channel)
    except KeyError:
        raise ValueError(f"{channel.upper()}_BACKEND must be one of {sorted(BACKENDS)}") from None
