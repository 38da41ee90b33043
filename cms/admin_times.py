"""Times in the Wagtail admin: in the viewer's zone, with the zone's name.

The admin renders in the zone Wagtail activates (the person's admin setting, else
``AdminTimeZoneMiddleware`` gives it the zone of their account). These helpers write a time as
"1 Des 2026 09:00 WITA", so a manager in Lombok never wonders whether a clinic time is WIB or
UTC. Use ``zoned_column(Model, "field")`` in a viewset's ``list_display`` and
``ZonedInspectView`` as its ``inspect_view_class``.
"""

from django.db import models
from django.utils.text import capfirst
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import InspectView

from cms.zoned import zoned_text


class ZonedTimeColumn(Column):
    """A list column that shows a time in the viewer's zone with the zone's name."""

    def get_value(self, instance):
        return zoned_text(super().get_value(instance))


def zoned_column(model: type[models.Model], name: str, **kwargs) -> ZonedTimeColumn:
    """A sortable ``ZonedTimeColumn`` labelled with the field's (translated) verbose name."""
    field = model._meta.get_field(name)
    kwargs.setdefault("label", capfirst(field.verbose_name))
    kwargs.setdefault("sort_key", name)
    return ZonedTimeColumn(name, **kwargs)


class ZonedInspectView(InspectView):
    """Wagtail's inspect view, with every date and time in the viewer's zone and its name."""

    def get_field_display_value(self, field_name, field):
        if isinstance(field, models.DateTimeField):
            return zoned_text(getattr(self.object, field_name)) or "-"
        return super().get_field_display_value(field_name, field)
