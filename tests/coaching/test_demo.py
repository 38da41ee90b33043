"""The demo loader's coaching part: something on every screen, and a second run changes nothing."""

import pytest
from wagtail import hooks

from coaching.demo import load_demo
from coaching.models import Booking, ClinicSession, Expert, FollowUp, SessionNote, Topic
from coaching.wagtail_hooks import load_coaching_demo

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Topic, Expert, ClinicSession, Booking, SessionNote, FollowUp)
    }


def test_demo_has_experts_sessions_bookings_waitlist_notes_and_is_idempotent():
    # load_initial_data runs it through the load_demo_data hook, after the curriculum.
    assert load_coaching_demo in hooks.get_hooks("load_demo_data")
    load_demo()
    first = _counts()
    assert first["Expert"] >= 4
    assert set(Topic.objects.values_list("pk", flat=True)) == set(
        Expert.objects.values_list("topics", flat=True)
    )
    sessions = ClinicSession.objects.all()
    assert sessions.filter(capacity=1).exists() and sessions.filter(capacity__gt=1).exists()
    assert {"online", "in_person"} <= set(sessions.values_list("mode", flat=True))
    assert {"Asia/Jakarta", "Asia/Makassar"} <= set(sessions.values_list("time_zone", flat=True))
    assert Booking.objects.filter(status="waitlisted").exists()
    assert first["SessionNote"] > 0 and first["FollowUp"] > 0
    assert FollowUp.objects.filter(assignment__isnull=False).count() == first["FollowUp"]
    load_demo()
    assert _counts() == first


def test_every_demo_expert_has_a_portrait_that_shows_in_the_round_crop():
    from PIL import Image as PILImage

    load_demo()
    experts = list(Expert.objects.select_related("photo"))
    assert experts and all(expert.photo is not None for expert in experts)
    assert len({expert.photo_id for expert in experts}) == len(experts)
    for expert in experts:
        # what the clinic page shows: a 96 px square, cut to a circle
        rendition = expert.photo.get_rendition("fill-96x96")
        with rendition.file.open("rb") as handle:
            picture = PILImage.open(handle).convert("L")
            picture.load()
        assert picture.size == (96, 96)
        circle = picture.crop((20, 20, 76, 76))
        low, high = circle.getextrema()
        assert high - low > 40, f"{expert.name}'s photo is a plain colour where the face goes"
