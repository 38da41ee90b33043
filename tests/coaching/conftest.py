"""Fixtures for coaching tests: topics, expert profiles, sessions, many participants."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

_mobiles = itertools.count(1)


@pytest.fixture
def topic(db):
    from coaching.models import Topic

    return Topic.objects.get_or_create(
        slug="akses-modal", defaults={"name": "Akses permodalan", "name_en": "Access to capital"}
    )[0]


@pytest.fixture
def expert_profile(expert, topic):
    """Eko Expert, in Jakarta (WIB)."""
    from coaching.models import Expert

    expert.time_zone = "Asia/Jakarta"
    expert.district = "karawang"
    expert.save()
    profile = Expert.objects.create(user=expert, organisation="Bank Rakyat", sector="private")
    profile.topics.add(topic)
    return profile


@pytest.fixture
def other_expert_profile(make_user, topic):
    from coaching.models import Expert

    user = make_user("experts", "081311119999", name="Lina Other Expert", time_zone="Asia/Jakarta")
    profile = Expert.objects.create(user=user, organisation="Dinas Koperasi", sector="government")
    profile.topics.add(topic)
    return profile


@pytest.fixture
def make_participant(make_user):
    def make(name=None, **extra):
        n = next(_mobiles)
        return make_user("participants", f"0857{n:08d}", name=name or f"Peserta {n}", **extra)

    return make


@pytest.fixture
def make_session(topic):
    """make_session(expert_profile, start_in=timedelta, minutes=60, **fields) via the service."""
    from coaching import services

    def make(expert, start_in=dt.timedelta(days=2), minutes=60, by=None, **fields):
        starts_at = fields.pop("starts_at", None) or (
            timezone.now().replace(microsecond=0, second=0) + start_in
        )
        ends_at = fields.pop("ends_at", None) or starts_at + dt.timedelta(minutes=minutes)
        data = services.SessionData(
            topic=fields.pop("topic", topic),
            mode=fields.pop("mode", "online"),
            meeting_link=fields.pop("meeting_link", "https://meet.example.org/klinik-123"),
            capacity=fields.pop("capacity", 5),
            audience=fields.pop("audience", "all"),
            notice_hours=fields.pop("notice_hours", 12),
            **fields,
        )
        return services.session_create(
            by=by or expert.user, expert=expert, data=data, starts_at=starts_at, ends_at=ends_at
        )

    return make
