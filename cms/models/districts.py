"""Official districts (kabupaten): a list programme managers keep, each with its time zone.

People and cohorts store a district's ``code`` (``"lombok_timur"``), so the stored values of
the first version (a fixed list in code) stay valid. ``district_time_zone`` is the one place
that turns a district into a time zone.
"""

from collections.abc import Iterator, Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Asia/Jakarta"
TIME_ZONE_CHOICES = [
    ("Asia/Jakarta", _("WIB (UTC+7)")),
    ("Asia/Makassar", _("WITA (UTC+8)")),
    ("Asia/Jayapura", _("WIT (UTC+9)")),
]


class District(models.Model):
    """An official district the programme works in. Managers add new ones in the admin."""

    # The districts of the first field programme; their codes are what people already store.
    FLORES_TIMUR = "flores_timur"
    LOMBOK_TIMUR = "lombok_timur"
    WONOSOBO = "wonosobo"
    KARAWANG = "karawang"
    OTHER = "other"

    code = models.SlugField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Short and permanent, lower case with underscores (e.g. lombok_timur)."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("As officially written."))
    province = models.CharField(_("province"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=32,
        choices=TIME_ZONE_CHOICES,
        default=DEFAULT_TIME_ZONE,
        help_text=_("New participants from this district get this zone."),
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Lower comes first in lists.")
    )
    is_active = models.BooleanField(
        _("offered at sign-up"),
        default=True,
        help_text=_("Untick to stop offering it; people already in it keep it."),
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


# (code, name, province, time zone, order): created when the table is empty.
SEED_DISTRICTS = [
    (District.FLORES_TIMUR, "Flores Timur", "Nusa Tenggara Timur", "Asia/Makassar", 10),
    (District.LOMBOK_TIMUR, "Lombok Timur", "Nusa Tenggara Barat", "Asia/Makassar", 20),
    (District.WONOSOBO, "Wonosobo", "Jawa Tengah", "Asia/Jakarta", 30),
    (District.KARAWANG, "Karawang", "Jawa Barat", "Asia/Jakarta", 40),
    (District.OTHER, "Lainnya", "", "Asia/Jakarta", 900),
]


def seed_districts(**kwargs) -> None:
    """post_migrate: when there are no districts at all, create the programme's first ones.

    Runs after every ``migrate`` (and after a test database is flushed); it never adds back a
    district a manager deleted while others remain.
    """
    from django.db import DEFAULT_DB_ALIAS, connections

    using = kwargs.get("using") or DEFAULT_DB_ALIAS
    if District._meta.db_table not in connections[using].introspection.table_names():
        return
    if District.objects.using(using).exists():
        return
    District.objects.using(using).bulk_create(
        District(code=code, name=name, province=province, time_zone=zone, order=order)
        for code, name, province, zone, order in SEED_DISTRICTS
    )


def _seeded_now() -> bool:
    """On a miss: when the list is empty (a database just flushed), create the first districts
    and say so, so the caller looks again. Never runs while any district exists."""
    if District.objects.exists():
        return False
    seed_districts()
    return True


def district_time_zone(code: str, default: str = DEFAULT_TIME_ZONE) -> str:
    """The time zone of a district (the one place that decides it)."""
    if not code:
        return default
    zones = District.objects.filter(code=code).values_list("time_zone", flat=True)
    zone = zones.first()
    if zone is None and _seeded_now():
        zone = zones.first()
    return zone or default


class _DistrictTimeZones(Mapping):
    """``DISTRICT_TIME_ZONES[code]``: a read-only view over :func:`district_time_zone`, kept
    for code written when districts were a fixed list."""

    def __getitem__(self, code: str) -> str:
        zone = District.objects.filter(code=code).values_list("time_zone", flat=True).first()
        if zone is None:
            raise KeyError(code)
        return zone

    def get(self, code, default=None):
        return district_time_zone(code, default) if code else default

    def __iter__(self) -> Iterator[str]:
        return iter(District.objects.values_list("code", flat=True))

    def __len__(self) -> int:
        return District.objects.count()


DISTRICT_TIME_ZONES = _DistrictTimeZones()


def district_choices(*, include_inactive: bool = False) -> list[tuple[str, str]]:
    """(code, name) of the official districts, in their order."""
    rows = District.objects.all()
    if not include_inactive:
        rows = rows.filter(is_active=True)
    found = list(rows.values_list("code", "name"))
    if not found and _seeded_now():
        found = list(rows.values_list("code", "name"))
    return found


def district_name(code: str) -> str:
    """The district's name (the code itself when it is not on the list)."""
    if not code:
        return ""
    return District.objects.filter(code=code).values_list("name", flat=True).first() or code


def district_names() -> dict[str, str]:
    """Every district's name by code (inactive ones too), for showing stored codes."""
    return dict(District.objects.values_list("code", "name"))


class DistrictChoiceField(forms.ChoiceField):
    """A select of the official districts, read from the table each time a form is made.

    A value that is no longer offered (an inactive district) stays valid for a person who
    already has it, so editing their profile never fails because of it.
    """

    def __init__(self, *, max_length=None, empty_value="", blank_label="—", **kwargs):
        kwargs.pop("choices", None)
        self.blank_label = blank_label
        super().__init__(choices=self._choices_now, **kwargs)

    def _choices_now(self):
        return [("", self.blank_label), *district_choices()]

    def valid_value(self, value) -> bool:
        return _could_be_code(value) and _is_district(value)


def _could_be_code(value) -> bool:
    """Only a short text without NUL is looked up (PostgreSQL refuses NUL in any query)."""
    return isinstance(value, str) and 0 < len(value) <= 20 and "\x00" not in value


def _is_district(code: str) -> bool:
    found = District.objects.filter(code=code).exists()
    if not found and _seeded_now():
        found = District.objects.filter(code=code).exists()
    return found


def validate_district(value: str) -> None:
    if value and not (_could_be_code(value) and _is_district(value)):
        raise ValidationError(_("Choose a district from the list."), code="invalid_choice")


class DistrictField(models.CharField):
    """A district's code on a person or a cohort; forms offer the official list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)
        if validate_district not in self.validators:
            self.validators.append(validate_district)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        attname = self.attname

        def display(instance) -> str:
            return district_name(getattr(instance, attname))

        # What Django gives a field with fixed choices: the district's name for templates.
        if f"get_{name}_display" not in cls.__dict__:
            setattr(cls, f"get_{name}_display", display)

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", DistrictChoiceField)
        kwargs.setdefault("choices_form_class", DistrictChoiceField)
        return super().formfield(**kwargs)
