"""WhatsApp business templates and SMS texts: what a kind says on a phone channel.

A message a business starts on WhatsApp must use a template approved beforehand; its text is
fixed and only its numbered parameters ({{1}}, {{2}}, ...) are filled in. Each kind is mapped to
a template name and the ordered list of what fills its parameters: names of the kind's own
``params`` (``"start"``) or the rendered notification (``"@title"``, ``"@body"``, ``"@link"``).
Apps map their kinds where they register them (their ``notices.py``)::

    message_templates.register(BEFORE_1H, name="clinic_reminder_1h", params=("title", "start"))

``WHATSAPP_TEMPLATES`` in the settings overrides any of them (the names approved for the
account, ``{"kind": {"name": ..., "params": [...]}}``). A kind with no template uses
``WHATSAPP_DEFAULT_TEMPLATE``: title, text and link. SMS has no templates: its text is the
title, the text and the link, shortened to ``SMS_MAX_CHARS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from notifications import conf

FIELDS = ("@title", "@body", "@link")
DEFAULT_PARAMS = ("@title", "@body", "@link")
# One WhatsApp template parameter may hold at most this many characters (Meta's limit is
# larger; a reminder's parameter never needs more).
MAX_PARAM_CHARS = 500


@dataclass(frozen=True)
class Template:
    name: str
    params: tuple[str, ...]


_registry: dict[str, Template] = {}


def register(kind: str, *, name: str, params: tuple[str, ...] | list[str]) -> Template:
    """Map ``kind`` to the approved template ``name`` filled by ``params`` in order."""
    if not name or len(name) > 100:
        raise ValueError("a template name has 1 to 100 characters")
    template = Template(name=name, params=tuple(params))
    _registry[kind] = template
    return template


def template_for(kind: str) -> Template:
    override = (conf.get("WHATSAPP_TEMPLATES") or {}).get(kind)
    if override:
        return Template(name=override["name"], params=tuple(override.get("params", ())))
    return _registry.get(kind) or Template(conf.get("WHATSAPP_DEFAULT_TEMPLATE"), DEFAULT_PARAMS)


def phone_message(*, kind: str, title: str, body: str, link: str, values: dict, language: str):
    """What the phone channels send for one notification (stored on it, wiped with it)."""
    template = template_for(kind)
    fields = {"@title": title, "@body": body, "@link": link}
    params = [
        str(fields[name] if name in fields else values.get(name, ""))[:MAX_PARAM_CHARS]
        for name in template.params
    ]
    text = " ".join(part for part in (title, body, link) if part)
    limit = conf.get("SMS_MAX_CHARS")
    if len(text) > limit:
        keep = limit - len(link) - 2 if link else limit - 1
        text = (" ".join(p for p in (title, body) if p)[: max(keep, 0)] + "… " + link).strip()
    return {"template": template.name, "language": language, "params": params, "text": text}
