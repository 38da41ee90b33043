"""The report's "certificates issued" indicator: people, once, by the date of issue."""

import datetime as dt

import pytest
from django.utils import timezone

from certificates import services
from cms.indicators import Period, collect_indicators
from cms.models import User
from tests.certificates.conftest import complete

pytestmark = pytest.mark.django_db


def test_certificates_issued_counts_people_in_the_period(programme, member, manager, basic_type):
    [indicator] = [i for i in collect_indicators() if i.key == "certificates.issued"]
    everyone = User.objects.all()
    assert indicator.people(Period(), everyone).count() == 0
    complete(programme, member, "internalisation", "orientation")
    [first] = services.certificate_issue_if_earned(participant=member)
    revoked = services.certificate_revoke(certificate=first, by=manager, reason="Keliru")
    services.certificate_reissue(certificate=revoked, by=manager)
    ids = list(indicator.people(Period(), everyone).values_list("participant", flat=True))
    assert ids == [member.pk]  # two certificates, one person
    later = Period(start=timezone.now() + dt.timedelta(days=1))
    assert indicator.people(later, everyone).count() == 0
    assert indicator.people(Period(), User.objects.exclude(pk=member.pk)).count() == 0
