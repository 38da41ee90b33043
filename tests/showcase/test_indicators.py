"""The showcase's report indicators: people with a business, and with each licence verified."""

import datetime as dt

import pytest
from django.utils import timezone

from cms.indicators import Period, collect_indicators
from cms.models import User
from showcase import services
from showcase.models import BusinessProfile, Licence

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


ALL_TIME = Period()


def counted(key, period=ALL_TIME):
    indicator = {item.key: item for item in collect_indicators()}[key]
    people = User.objects.all()
    return set(User.objects.filter(pk__in=indicator.people(period, people)))


def test_businesses_with_a_profile_and_with_each_licence_verified(
    participant, other_participant, make_user, expert, make_profile
):
    third = make_user("participants", "081311110088", name="Citra")
    ani = make_profile(participant)
    make_profile(participant, name="Usaha kedua")  # two businesses, counted once
    bunga = make_profile(other_participant)
    march = timezone.make_aware(dt.datetime(2026, 3, 10))
    BusinessProfile.objects.filter(pk=bunga.pk).update(created_at=march)

    assert counted("showcase.profile") == {participant, other_participant}
    assert third not in counted("showcase.profile")

    for profile, owner in ((ani, participant), (bunga, other_participant)):
        services.licences_update(profile=profile, by=owner, statuses={"halal": "have_it"})
    services.licence_verify(licence=ani.licences.get(kind="halal"), by=expert)
    bunga_halal = bunga.licences.get(kind="halal")
    services.licence_verify(licence=bunga_halal, by=expert)
    Licence.objects.filter(pk=bunga_halal.pk).update(verified_at=march)

    assert counted("showcase.licence_verified.halal") == {participant, other_participant}
    assert counted("showcase.licence_verified.nib") == set()
    in_march = Period(
        start=timezone.make_aware(dt.datetime(2026, 3, 1)),
        end=timezone.make_aware(dt.datetime(2026, 4, 1)),
    )
    assert counted("showcase.licence_verified.halal", in_march) == {other_participant}
    assert counted("showcase.profile", in_march) == {other_participant}


def test_the_report_shows_the_showcase_rows(client, manager, participant, make_profile):
    make_profile(participant)
    client.force_login(manager)
    response = client.get("/admin/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Has a business profile" in html or "Punya profil usaha" in html
