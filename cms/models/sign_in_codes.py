"""Codes sent to a phone so a person who forgot their password can choose a new one."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignInCode(models.Model):
    """One 6-digit code asked for a number ("Lupa kata sandi?").

    A row is kept whether or not the number has an account (``user`` empty: nothing is sent),
    so every number is answered alike and its limits (one a minute, five a day) hold the same.
    Only a keyed hash of the code is stored. Only the newest code of a number works.
    """

    mobile = models.CharField(_("mobile number"), max_length=16, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    code_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("asked at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    tries = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in code")
        verbose_name_plural = _("sign-in codes")
        indexes = [models.Index(fields=["mobile", "-created_at"], name="signin_code_number_idx")]

    def __str__(self) -> str:
        return f"{self.mobile} · {self.created_at:%Y-%m-%d %H:%M}"
