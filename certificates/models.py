"""What earns a certificate (:class:`CertificateType`) and the certificates issued."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L: a code read aloud or typed from paper is not mistaken. 31 symbols ** 12
# is about 2**59 codes, so guessing one is hopeless (and lookups are rate-limited).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class CertificateType(models.Model):
    """A certificate a programme awards, and the declarative criteria that earn it."""

    name = models.CharField(
        _("name"), max_length=120, help_text=_("As printed, e.g. “Sertifikat Mastery”.")
    )
    programme = models.ForeignKey(
        "cms.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="certificate_types",
        verbose_name=_("programme"),
    )
    stages = models.ManyToManyField(
        "cms.StagePage",
        blank=True,
        related_name="+",
        verbose_name=_("stages to complete"),
        help_text=_("Every lesson required and every workshop session of these stages done."),
    )
    all_workshops_attended = models.BooleanField(
        _("all workshop days attended"),
        default=False,
        help_text=_("Present at every workshop session of the participant's cohorts."),
    )
    needs_accepted_assignment = models.BooleanField(_("an accepted assignment"), default=False)
    needs_clinic_attended = models.BooleanField(_("an attended coaching clinic"), default=False)
    organisations = models.CharField(
        _("implementing organisations"),
        max_length=300,
        blank=True,
        help_text=_("Printed on the certificate; empty uses the site's default."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active certificates are issued.")
    )

    class Meta:
        verbose_name = _("certificate type")
        verbose_name_plural = _("certificate types")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def organisations_text(self) -> str:
        return self.organisations or getattr(settings, "CERTIFICATE_ORGANISATIONS", "")


class Certificate(models.Model):
    """One issued certificate. Revoked ones stay (with who, when and why); a reissue is a new
    row pointing at the one it replaces. At most one unrevoked certificate per person and type:
    the database decides, so concurrent triggers issue once."""

    certificate_type = models.ForeignKey(
        CertificateType,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("certificate"),
    )
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificates",
        verbose_name=_("participant"),
    )
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=new_code)
    name = models.CharField(_("name as printed"), max_length=200)
    stages = models.JSONField(_("stages completed"), default=list, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when issued automatically."),
    )
    reissue_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="reissues"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoke_reason = models.TextField(_("reason for revoking"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "certificate_type"],
                condition=Q(revoked_at__isnull=True),
                name="certificate_one_valid_per_type",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate_type} · {self.name} · {self.code}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None
