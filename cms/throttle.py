"""Rate limits on forms people could abuse: signing in, signing up, changing a password, and
every form that sends someone a message (a cohort invitation, for example).

Counted per mobile number (the person being guessed at or messaged) and per address (the one
guessing), in Django's cache through django-ratelimit: Redis in production, so every web
process shares the counts. A limit that is reached answers HTTP 429 with a message in the
person's language, and holds for the rest of its window (10 minutes).

Rates are ``"count/period"`` strings (django-ratelimit's format) in ``settings.RATE_LIMITS``,
one entry per scope and key (``"signin:mobile"``); a missing entry uses the default below.
"""

from __future__ import annotations

import contextlib
import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from cms.phone import normalise_mobile

TOO_MANY_TRIES = _("Too many tries, wait 10 minutes.")
STATUS = 429

DEFAULT_RATES = {
    # failed sign-ins: a person mistyping a few times is fine, guessing is not
    "signin:mobile": "10/10m",
    "signin:ip": "50/10m",  # many people share one address on mobile networks (CGNAT)
    "signup:mobile": "5/10m",
    "signup:ip": "20/10m",
    "password:user": "10/10m",
    # forms that send a person a message (invitations): per number messaged, per sender
    "message:mobile": "3/10m",
    "message:ip": "60/10m",
    # codes sent to a phone: an invitation's code and a sign-in (password reset) code, typed;
    # asking for a reset code (the number's own limits, a minute and a day, are in the database)
    "invitecode:mobile": "10/10m",
    "invitecode:ip": "30/10m",
    "resetcode:mobile": "10/10m",
    "resetcode:ip": "30/10m",
    "reset:ip": "20/10m",
    # public certificate verification: a person checking a few papers, not someone guessing
    "verify:ip": "30/10m",
}


def client_address(request: HttpRequest) -> str:
    """The address a request came from (django-ratelimit's ``RATELIMIT_IP_META_KEY``).

    Behind a reverse proxy every request comes from the proxy: name the header it sets in
    ``CLIENT_IP_HEADER`` (``X-Real-IP``, or ``X-Forwarded-For``, whose last entry is the one
    our proxy added, the others being whatever the client sent).
    """
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        candidate = value.rsplit(",", 1)[-1].strip()
        with contextlib.suppress(ValueError):
            return str(ipaddress.ip_address(candidate))
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def mobile_key(raw: str) -> str:
    """The number as stored when it parses, else the text as typed (trimmed, lower case)."""
    raw = (raw or "").strip()[:40]
    with contextlib.suppress(ValidationError):
        return normalise_mobile(raw)
    return raw.lower()


def _rate(scope: str, kind: str) -> str:
    rates = getattr(settings, "RATE_LIMITS", None) or {}
    name = f"{scope}:{kind}"
    return rates.get(name) or DEFAULT_RATES[name]


def _usage(request: HttpRequest, scope: str, kind: str, value: str, increment: bool):
    # The address comes from django-ratelimit's own "ip" key (RATELIMIT_IP_META_KEY behind a
    # proxy); the other keys are values we computed.
    return get_usage(
        request,
        group=f"berdaya:{scope}:{kind}",
        key="ip" if kind == "ip" else (lambda _group, _request: value),
        rate=_rate(scope, kind),
        increment=increment,
    )


def _keys(request: HttpRequest, *, mobile: str | None, user=None) -> list[tuple[str, str]]:
    keys = [("ip", "")]
    if mobile:
        keys.append(("mobile", mobile))
    if user is not None:
        keys.append(("user", str(user.pk)))
    return keys


def is_blocked(request: HttpRequest, scope: str, *, mobile: str | None = None, user=None) -> bool:
    """True when any of the scope's counts (number, address, account) has reached its limit.
    Counts nothing: call :func:`count` for what should count."""
    for kind, value in _keys(request, mobile=mobile, user=user):
        if f"{scope}:{kind}" not in DEFAULT_RATES:
            continue
        usage = _usage(request, scope, kind, value, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


def count(request: HttpRequest, scope: str, *, mobile: str | None = None, user=None) -> None:
    """Count one try against every key of the scope."""
    for kind, value in _keys(request, mobile=mobile, user=user):
        if f"{scope}:{kind}" in DEFAULT_RATES:
            _usage(request, scope, kind, value, increment=True)


def attempt(request: HttpRequest, scope: str, *, mobile: str | None = None, user=None) -> bool:
    """Check, then count this try. Returns True when the try is refused (over the limit);
    a refused try is not counted again."""
    if is_blocked(request, scope, mobile=mobile, user=user):
        return True
    count(request, scope, mobile=mobile, user=user)
    return False
