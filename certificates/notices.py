"""What certificates tells people: a participant is told at once when a certificate is issued
to them (automatically or reissued); the message opens the certificate.

``register_kinds()`` is called once, from ``CertificatesConfig.ready()``.
"""

import datetime

from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from certificates import signals
from certificates.models import Certificate
from cms.models import Role
from notifications import kinds
from notifications.services import notify

ISSUED = "certificate_issued"


def register_kinds() -> None:
    kinds.register(
        ISSUED,
        label=_("Certificates"),
        title=_("You earned a certificate: %(name)s"),
        body=_("Open it to download the PDF."),
        ttl=datetime.timedelta(days=14),
        audience=(Role.PARTICIPANT,),
    )


@receiver(signals.certificate_issued, dispatch_uid="certificates-issued-notice")
def on_certificate_issued(sender, certificate: Certificate, **kwargs) -> None:
    participant = certificate.participant
    with translation.override(participant.preferred_language or "id"):
        url = reverse("certificates:detail", args=[certificate.pk])
    notify(
        recipient=participant,
        kind=ISSUED,
        url=url,
        params={"name": certificate.certificate_type.name},
        obj=certificate,
    )
