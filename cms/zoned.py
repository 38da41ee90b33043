"""A time written for a person: in the active zone, with the zone's name ("1 Des 2026 09:00
WITA"), for places that show times without knowing whose they are (admin lists, ``__str__``)."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format

from cms.models.users import TIME_ZONE_LABELS


def zone_label(zone_name: str | None = None) -> str:
    """WIB, WITA or WIT for Indonesia's zones; the zone's own name for any other."""
    zone_name = zone_name or timezone.get_current_timezone_name()
    return TIME_ZONE_LABELS.get(zone_name, zone_name)


def zoned_text(value: datetime.datetime | None) -> str:
    """``value`` in the active zone, with the zone's name ("" for no time)."""
    if value is None:
        return ""
    return f"{date_format(timezone.localtime(value), 'j M Y H:i')} {zone_label()}"
