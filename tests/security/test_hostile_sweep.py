"""The hostile sweep: every URL pattern of the site, as every role, with hostile input.

Every pattern of the root URLconf is requested (new URLs are found without editing this file)
with real ids from the demo data and with hostile ones; the forms each page shows are posted
back with one field at a time replaced by a hostile value (dates far outside sense, NUL bytes,
non-ASCII digits, ids beyond 64 bits, 10,000 characters, emoji, HTML, foreign ``next``).

Asserted: no answer is a 5xx; a refused request (4xx, a form shown again with errors, or an
error message) changed no row (on PostgreSQL every insert, update and delete of the test's
transaction is counted per table; elsewhere the rows of every table); no hostile ``next`` leads
off the site. Wagtail's own admin screens are requested with real ids and a NUL path, but their
forms are not filled with hostile values (those are Wagtail's to answer); our admin screens
(ViewSets of our models, the user forms) are. Fields and values are sampled with
a fixed seed so the sweep stays fast, but every URL pattern is requested.
"""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test import Client

from tests.security.support import (
    error_messages,
    forms_with_errors,
    real_values,
    routes,
    row_counts,
    row_writes,
)

pytestmark = pytest.mark.django_db

EVIL = "https://evil.example/"
HUGE = str(2**70)
DATES = ["0001-01-01", "9999-12-31"]
IDS = ["²", "٣", HUGE, "0", "-1"]
TEXTS = ["\x00", "a\x00b", "x" * 10_000, "🙂🇮🇩" * 20, "<script>alert(1)</script>\"'><b>"]
NEXTS = [EVIL, "javascript:alert(1)", "//evil.example/", "abc"]
HOSTILE_QUERY = {
    "day": "9999-12-31",
    "topic": "²",
    "page": HUGE,
    "id": "²",
    "ids": f"²,٣,{HUGE},1",
    "q": "<script>alert(1)</script>",
    "next": EVIL,
    "download": "🙂",
}
# Posted to endpoints that take no form on a page (POST-only actions and fetch endpoints).
HOSTILE_POST = {
    "id": "²",
    "participant": "٣",
    "present": "1",
    "closed": "1",
    "reason": "a\x00b",
    "key": "\x00",
    "attendance-²": "attended",
    f"attendance-{HUGE}": "attended",
    "language": "en",
    "mode": "low",
    "seconds": "nan",
    "go": "next",
    "endpoint": "https://169.254.169.254/latest",
    "next": EVIL,
}
SEED = 11


class FormParser(HTMLParser):
    """The POST forms of a page: their action and fields with current values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._current = {"action": a.get("action") or "", "fields": {}, "types": {}}
                self.forms.append(self._current)
            else:
                self._current = None
            return
        if self._current is None:
            return
        name = a.get("name")
        fields, types = self._current["fields"], self._current["types"]
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                if kind == "submit" and name not in fields:
                    fields[name] = a.get("value", "")
                    types[name] = "submit"
                return
            if kind in ("checkbox", "radio"):
                if "checked" in a or (kind == "radio" and name not in fields):
                    fields[name] = a.get("value", "on")
                types[name] = kind
                return
            fields[name] = a.get("value", "")
            types[name] = kind
        elif tag == "textarea" and name:
            fields[name] = ""
            types[name] = "textarea"
            self._textarea = name
        elif tag == "select" and name:
            fields.setdefault(name, "")
            types[name] = "select"
            self._select = name
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if "selected" in a or (not self._current["fields"].get(self._select) and value):
                self._current["fields"][self._select] = value

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._current is not None and self._textarea:
            self._current["fields"][self._textarea] += data


def _baseline(form: dict) -> dict:
    """The form as shown, with something sensible in each empty field."""
    data = {}
    hours = iter(range(9, 24, 2))  # a later time in each time field: an end after its start
    for name, value in form["fields"].items():
        kind = form["types"].get(name)
        if value == "" and kind in ("date",) or (value == "" and "day" in name):
            value = "2030-06-02"
        elif value == "" and kind == "time":
            value = f"{next(hours, 23):02d}:00"
        elif value == "" and kind == "number":
            value = "1"
        elif value == "" and kind in ("text", "textarea"):
            value = "Uji"
        data[name] = value
    return data


def _is_priority(name: str, kind: str | None) -> bool:
    return kind in ("date", "datetime-local", "hidden") or any(
        word in name for word in ("day", "date", "next", "_at", "participant")
    )


def _hostile_values(name: str, kind: str | None, rng: random.Random) -> list[str]:
    if kind in ("date",) or "day" in name or "date" in name:
        return DATES
    if name == "next":
        return NEXTS
    if kind in ("number", "select", "radio", "checkbox", "hidden") or name.endswith("id"):
        return rng.sample(IDS, 2) + ["\x00"]
    return rng.sample(TEXTS, 2)


class Sweep:
    def __init__(self, clients: dict[str, Client]):
        self.clients = clients
        self.failures: list[str] = []
        self.requests = 0
        self.rng = random.Random(SEED)

    def request(self, role: str, method: str, url: str, data=None, **extra):
        client = self.clients[role]
        # PostgreSQL counts every insert, update and delete of the transaction; elsewhere the
        # rows of every table are counted (which misses updates).
        on_postgres = connection.vendor == "postgresql"
        writes = row_writes() if method == "POST" else None
        counts = row_counts() if method == "POST" and not on_postgres else None
        try:
            if method == "GET":
                response = client.get(url, data or {}, **extra)
            else:
                response = client.post(url, data or {}, **extra)
        except Exception as error:  # the test client re-raises what would be a 500
            self.failures.append(f"{role} {method} {url} {_short(data)}: {error!r}")
            return None
        self.requests += 1
        where = f"{role} {method} {url} {_short(data)}"
        if response.status_code >= 500:
            self.failures.append(f"{where}: {response.status_code}")
        location = response.get("Location", "")
        if response.status_code in (301, 302, 303, 307, 308) and location:
            # Only where a hostile ``next`` could have taken it: an episode's external audio
            # is meant to be off the site.
            host = urlsplit(location).netloc
            if "evil.example" in host or location.lower().lstrip().startswith("javascript:"):
                self.failures.append(f"{where}: redirects off the site to {location}")
        if method == "POST":
            refused = (
                response.status_code >= 400
                or forms_with_errors(response)
                or error_messages(response)
            )
            if refused:
                changed = {}
                if counts is not None:
                    after = row_counts()
                    changed = {t: (n, after.get(t)) for t, n in counts.items() if n != after.get(t)}
                new_writes = row_writes()
                written = sorted(t for t, n in new_writes.items() if n != writes.get(t, 0))
                if changed or written:
                    self.failures.append(
                        f"{where}: refused ({response.status_code}) but changed rows"
                        f" {changed or ''} {written or ''}"
                    )
        return response


def _short(data) -> str:
    if not data:
        return ""
    text = repr(
        {k: (v[:20] + "…" if isinstance(v, str) and len(v) > 20 else v) for k, v in data.items()}
    )
    return text[:300]


# Apps whose admin screens (ViewSets, user forms) are ours: their forms get hostile input too.
OUR_APPS = {"cms", "learning", "coaching", "podcasts", "notifications", "video", "reports"}
# The forms of a page are filled with hostile values by the first roles that reach it.
FUZZ_ROLES = 2
SAME_AS_ADMIN_FACILITATOR = {"admin_expert", "admin_manager"}
# Wagtail's deliberate error page ("failwhale"): it exists to answer 500.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}


def _ours(route) -> bool:
    """A route whose view or model belongs to one of our apps (not Wagtail's own screens)."""
    model = route.model
    if model is not None:
        return model._meta.app_label in OUR_APPS
    module = getattr(route.pattern.callback, "__module__", "") or ""
    return module.split(".")[0] in OUR_APPS


def test_every_url_as_every_role_with_hostile_input(world):
    # One staff account made in the Wagtail admin stands for the three (the matrix has all).
    people = {k: v for k, v in world["people"].items() if k not in SAME_AS_ADMIN_FACILITATOR}
    clients = {}
    for role, user in people.items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)
    sweep = Sweep(clients)
    _the_change_detector_sees_a_change(world)
    roles = list(people)
    all_routes = [r for r in routes() if r.name not in DELIBERATE_ERRORS]
    covered = set()
    for index, route in enumerate(all_routes):
        real = real_values(route, people)
        url = route.build(real)
        ours = _ours(route)
        # The admin has hundreds of patterns: each is requested by the superuser and by one
        # other role in turn; the site's own patterns by every role.
        if route.is_admin:
            chosen = ["superuser", roles[index % len(roles)]] if ours else ["superuser"]
            chosen = list(dict.fromkeys(chosen))
        else:
            chosen = roles
        fuzzed_by = 0
        for role in chosen:
            response = sweep.request(role, "GET", url)
            covered.add(route.text)
            if response is None or not ours or "logout" in route.name:
                continue  # (signing out would end the role's session for the rest of the sweep)
            if fuzzed_by >= FUZZ_ROLES or (route.is_admin and role != "superuser"):
                continue
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                fuzzed_by += 1
                _post_forms(sweep, role, url, response, route)
            elif response.status_code == 405:
                fuzzed_by += 1
                sweep.request(role, "POST", url, HOSTILE_POST)
                sweep.request(role, "POST", url, {})
        clients["anonymous"].logout()  # in case a sign-up or sign-in form let it in
        # Hostile query strings and path parameters: once per pattern, by the superuser in the
        # admin and by a role in turn on the site. Wagtail's own screens get only a NUL path.
        hostile_role = "superuser" if route.is_admin else roles[1 + index % (len(roles) - 1)]
        if ours:
            sweep.request(hostile_role, "GET", url + "?q=a%00b")
            sweep.request(hostile_role, "GET", url, HOSTILE_QUERY)
        # (An int parameter cannot hold a NUL: the resolver answers 404 before any view.)
        params = route.params if ours else [p for p in route.params if p[1] != "int"][:1]
        for name, conv in params:
            for bad in _bad_path_values(conv) if ours else ["%00"]:
                sweep.request(hostile_role, "GET", route.build({**real, name: bad}))
    # What a hostile request managed to save must not break a page later: every page of the
    # site again, by the people who see the most.
    for route in all_routes:
        if not route.is_admin:
            for role in ("participant", "superuser"):
                sweep.request(role, "GET", route.build(real_values(route, people)))
    assert covered == {r.text for r in all_routes}
    assert not sweep.failures, (
        f"{len(sweep.failures)} of {sweep.requests} requests failed:\n"
        + "\n".join(sweep.failures[:80])
    )


def _the_change_detector_sees_a_change(world) -> None:
    """The check of refused requests must notice an insert, and on PostgreSQL an update that
    leaves every value as it was."""
    model = type(world["notification"])
    table = model._meta.db_table
    writes, counts = row_writes(), row_counts()
    extra = model.objects.create(recipient=world["people"]["participant"], kind="x", title="x")
    assert row_counts()[table] == counts[table] + 1
    if connection.vendor == "postgresql":
        assert row_writes()[table] > writes.get(table, 0)
        writes = row_writes()
        model.objects.filter(pk=extra.pk).update(title="x")
        assert row_writes()[table] > writes[table]
    extra.delete()


def _bad_path_values(conv: str) -> list[str]:
    if conv == "int":
        return [HUGE, "0"]
    if conv == "uuid":
        return ["00000000-0000-0000-0000-000000000000"]
    return ["%00", "%F0%9F%99%82", "x" * 300]


def _post_forms(sweep: Sweep, role: str, url: str, response, route) -> None:
    parser = FormParser()
    parser.feed(response.content.decode("utf-8", "replace"))
    rng = sweep.rng
    for form in parser.forms[:3]:
        action = form["action"] or url
        if action.startswith("http") or not action.startswith("/"):
            action = url if not action.startswith("?") else url + action
        action = re.sub(r"#.*$", "", action)
        if "logout" in action:
            continue  # signing out ends the role's session for the rest of the sweep
        baseline = _baseline(form)
        names = [n for n in baseline if n != "csrfmiddlewaretoken"]
        if not names:
            sweep.request(role, "POST", action, {"next": EVIL})
            continue
        # Dates, ids and ``next`` always; the other fields sampled.
        first = [n for n in names if _is_priority(n, form["types"].get(n))]
        rest = [n for n in names if n not in first]
        budget = 2 if route.is_admin else 3
        for name in first + rng.sample(rest, min(budget, len(rest))):
            for value in _hostile_values(name, form["types"].get(name), rng)[:2]:
                sweep.request(role, "POST", action, {**baseline, name: value})
        everything = {n: rng.choice(TEXTS + DATES + IDS) for n in names}
        sweep.request(role, "POST", action, {**everything, "next": EVIL})
