"""Shared by the hostile sweep and the permission matrix: URL discovery, roles, change checks.

URLs are found by walking the root URLconf, so a URL another app adds is covered without
editing the tests. Path parameters are filled with real ids: from the model of a Wagtail
ViewSet view, from the URL's name (``coaching:booking_cancel`` -> a Booking), or from the name of
the parameter (``page_id`` -> a page).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.forms import BaseForm
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

ROUTE_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?(?P<body>(?:[^()]|\([^()]*\))*)\)")


@dataclass
class Route:
    """One URL pattern of the site, with the chain of resolvers above it."""

    chain: list  # the URLResolver / URLPattern objects from the root down
    text: str  # the patterns joined, as Django prints them
    name: str  # namespace:name, or "" for an unnamed pattern
    params: list[tuple[str, str]] = field(default_factory=list)  # (name, converter)

    @property
    def pattern(self) -> URLPattern:
        return self.chain[-1]

    @property
    def namespace_app(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""

    @property
    def is_admin(self) -> bool:
        return self.text.startswith("admin/")

    @property
    def model(self):
        """The model a Wagtail generic view (or a class-based view with ``model``) works on."""
        callback = self.pattern.callback
        model = (getattr(callback, "view_initkwargs", None) or {}).get("model")
        if model is None:
            model = getattr(getattr(callback, "view_class", None), "model", None)
        return model if isinstance(model, type) else None

    def build(self, values: dict[str, str]) -> str:
        """The path with each parameter replaced by ``values[name]`` (positional groups as
        ``values["_0"]``, ``values["_1"]``, ...)."""
        parts = []
        position = 0
        with translation.override("id"):
            for item in self.chain:
                pattern = item.pattern
                raw = str(pattern)
                if type(pattern).__name__ == "RoutePattern":
                    parts.append(ROUTE_PARAM.sub(lambda m: values.get(m.group("name"), "1"), raw))
                elif type(pattern).__name__ == "RegexPattern":

                    def group(match):
                        nonlocal position
                        key = match.group("name") or f"_{position}"
                        position += 1
                        return values.get(key, "1")

                    text = REGEX_GROUP.sub(group, raw.lstrip("^").rstrip("$"))
                    parts.append(text.replace("\\Z", "").replace("\\", ""))
                else:  # LocalePrefixPattern
                    parts.append(pattern.language_prefix)
        return "/" + "".join(parts)


def routes() -> list[Route]:
    """Every URL pattern of the root URLconf (media serving of the debug server left out)."""
    found: list[Route] = []

    def walk(patterns, chain, namespace):
        for item in patterns:
            if isinstance(item, URLResolver):
                ns = namespace + (f"{item.namespace}:" if item.namespace else "")
                walk(item.url_patterns, [*chain, item], ns)
            else:
                full = [*chain, item]
                text = "".join(str(p.pattern) for p in full)
                params: list[tuple[str, str]] = []
                position = 0
                for p in full:
                    raw = str(p.pattern)
                    if type(p.pattern).__name__ == "RoutePattern":
                        params += [
                            (m.group("name"), m.group("conv") or "str")
                            for m in ROUTE_PARAM.finditer(raw)
                        ]
                    elif type(p.pattern).__name__ == "RegexPattern":
                        for m in REGEX_GROUP.finditer(raw):
                            name = m.group("name") or f"_{position}"
                            position += 0 if m.group("name") else 1
                            conv = "int" if "\\d" in m.group("body") else "str"
                            params.append((name, conv))
                name = f"{namespace}{item.name}" if item.name else ""
                found.append(Route(chain=full, text=text, name=name, params=params))

    walk(get_resolver().url_patterns, [], "")
    return [r for r in found if "serve_media" not in getattr(r.pattern.callback, "__name__", "")]


# --- real values for path parameters ------------------------------------------------------------

# URL names whose ``pk`` the name alone does not reveal.
PK_MODELS = {
    "learning:register": "learning.WorkshopSession",
    "learning:register_mark": "learning.WorkshopSession",
    "learning:register_everyone": "learning.WorkshopSession",
    "learning:review": "learning.Submission",
    "learning:submission_file": "learning.SubmissionFile",
    "learning:submission_file_preview": "learning.SubmissionFile",
    "learning:participant": "cms.User",
    "learning:participant_password": "cms.User",
    "coaching:session": "coaching.ClinicSession",
    "coaching:book": "coaching.ClinicSession",
    "coaching:expert_session": "coaching.ClinicSession",
    "coaching:session_edit": "coaching.ClinicSession",
    "coaching:session_cancel": "coaching.ClinicSession",
    "coaching:expert_booking": "coaching.Booking",
    "notifications:open": "notifications.Notification",
    "podcasts:audio": "podcasts.EpisodePage",
    "podcasts:audio_saver": "podcasts.EpisodePage",
    "podcasts:transcript": "podcasts.EpisodePage",
    "podcasts:position": "podcasts.EpisodePage",
}
PARAM_MODELS = {
    "cohort_pk": "learning.Cohort",
    "user_id": "cms.User",
    "page_id": "cms.LessonPage",
    "page_pk": "cms.LessonPage",
    "parent_page_id": "cms.ModulePage",
    "collection_id": "wagtailcore.Collection",
    "redirect_id": "wagtailredirects.Redirect",
    "task_id": "wagtailcore.Task",
    "workflow_pk": "wagtailcore.Workflow",
}


def _model_from_name(route: Route):
    """``coaching:booking_cancel`` -> Booking: a model of the namespace's app named in the URL."""
    label = route.namespace_app
    try:
        config = apps.get_app_config(label)
    except LookupError:
        return None
    names = route.name.split(":")[-1].split("_")
    for token in names:
        for model in config.get_models():
            if model._meta.model_name == token:
                return model
    return None


def _first_pk(model, prefer=None) -> str | None:
    queryset = model._default_manager.order_by("pk")
    if prefer is not None:
        narrowed = queryset.filter(**prefer)
        if narrowed.exists():
            queryset = narrowed
    pk = queryset.values_list("pk", flat=True).first()
    return None if pk is None else str(pk)


def real_values(route: Route, people: dict) -> dict[str, str]:
    """Real values for the route's parameters (ids of rows in the demo data)."""
    values: dict[str, str] = {}
    participant = people.get("participant")
    for name, conv in route.params:
        value = None
        if name in ("pk", "object_id", "_0") or name.endswith("_pk") and name not in PARAM_MODELS:
            model = route.model or _lookup(PK_MODELS.get(route.name)) or _model_from_name(route)
            if model is not None:
                prefer = None
                if model._meta.label == "cms.User" and participant is not None:
                    prefer = {"pk": participant.pk}
                value = _first_pk(model, prefer)
        elif name in PARAM_MODELS:
            model = _lookup(PARAM_MODELS[name])
            if model is not None:
                prefer = {"pk": participant.pk} if name == "user_id" and participant else None
                value = _first_pk(model, prefer)
        elif conv == "uuid":
            model = _lookup("coaching.Booking")
            value = str(
                model.objects.filter(participant=participant).values_list("uid", flat=True).first()
                or uuid.uuid4()
            )
        elif name == "slug":
            index = _lookup("podcasts.PodcastIndexPage")
            value = index.objects.values_list("slug", flat=True).first() if index else None
        elif name in ("lang", "language_code"):
            value = "id"
        elif name == "ext":
            value = "mp3"
        elif name in ("app_label", "app_name", "content_type_app_name"):
            value = "learning" if name != "content_type_app_name" else "cms"
        elif name in ("model_name", "content_type_model_name"):
            value = "cohort" if name == "model_name" else "lessonpage"
        if value is None:
            numeric = conv in ("int", "path") or name in ("pk", "object_id") or name.endswith("id")
            value = "1" if numeric else "x"
        values[name] = value
    return values


def _lookup(label: str | None):
    if not label:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


# --- what changed ---------------------------------------------------------------------------------

# Tables that any request may touch without that being a change a person made: the session
# (messages and login live there), Wagtail's admin bookkeeping, and a log of refused sign-in
# attempts (recording a refused attempt is what a rate limit is for).
BOOKKEEPING_TABLES = {
    "django_session",
    "wagtailadmin_editingsession",
    "wagtailusers_userprofile",
    "axes_accessattempt",
    "axes_accessattemptexpiration",
    "axes_accessfailurelog",
    "axes_accesslog",
}


def row_counts() -> dict[str, int]:
    """Rows of every model's table, in one query."""
    tables = sorted(
        {
            m._meta.db_table
            for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy
        }
        - BOOKKEEPING_TABLES
    )
    existing = set(connection.introspection.table_names())
    tables = [t for t in tables if t in existing]
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(f"SELECT '{t}', COUNT(*) FROM {quote(t)}" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def row_writes() -> dict[str, int]:
    """PostgreSQL: rows inserted, updated or deleted so far in this transaction, per table.

    Counts every write, even one a savepoint later undid; empty on other databases.
    """
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return {name: n for name, n in cursor.fetchall() if name not in BOOKKEEPING_TABLES}


def forms_with_errors(response) -> list[BaseForm]:
    """Bound forms with errors among the response's template contexts."""
    found = []
    for context in response.context or []:
        for layer in getattr(context, "dicts", [context]):
            if not isinstance(layer, dict):
                continue
            for value in layer.values():
                if isinstance(value, BaseForm) and value.is_bound and value.errors:
                    found.append(value)
    return found


def error_messages(response) -> list[str]:
    """Error and warning messages queued by the request (shown on the next page)."""
    storage = getattr(response.wsgi_request, "_messages", None)
    queued = getattr(storage, "_queued_messages", []) or []
    return [str(m) for m in queued if m.level >= 30]


# --- people ---------------------------------------------------------------------------------------

PASSWORD = "a-Strong-pass-123"


def admin_created_staff(admin_client, *, role: str, mobile: str, name: str):
    """A staff account made the way a manager makes one: the Wagtail admin's "add user" form,
    with only a role group ticked (``is_staff`` is whatever the form sets, never set by hand)."""
    from django.contrib.auth.models import Group
    from django.urls import reverse

    from cms.models import User

    group = Group.objects.get(name=role)
    response = admin_client.post(
        reverse("wagtailusers_users:add"),
        {
            "mobile": mobile,
            "name": name,
            "email": "",
            "sex": "female",
            "age_band": "25_34",
            "district": "karawang",
            "migrant_status": "returnee",
            "preferred_language": "id",
            "time_zone": "Asia/Jakarta",
            "groups": [group.pk],
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302, forms_with_errors(response) or response.status_code
    user = User.objects.get(mobile__endswith=mobile[1:])
    assert user.groups.filter(pk=group.pk).exists()
    return user
