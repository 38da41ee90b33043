"""The record of participant-list downloads, and the permissions the reports use."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeopleExport(models.Model):
    """One download of the participant list: who, when, with which filters. Never deleted
    by the application."""

    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("downloaded by"),
    )
    made_by_name = models.CharField(_("downloaded by (name then)"), max_length=150)
    made_at = models.DateTimeField(_("downloaded at"), default=timezone.now, db_index=True)
    filters = models.JSONField(_("filters"), default=dict)
    row_count = models.PositiveIntegerField(_("people in the file"), default=0)

    class Meta:
        verbose_name = _("participant list download")
        verbose_name_plural = _("participant list downloads")
        ordering = ["-made_at", "-pk"]
        default_permissions = ("view",)
        permissions = [
            ("export_people", _("Can download the participant list")),
            ("view_exact_numbers", _("Can see exact small numbers in reports on screen")),
        ]

    def __str__(self) -> str:
        return f"{self.made_by_name} · {self.made_at:%Y-%m-%d %H:%M}"
