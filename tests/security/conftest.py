"""A small world for the security tests: one of each thing a URL can point at, people per role.

Built from the learning and coaching fixtures (their conftest modules are reused, not copied),
so it is fast enough to build for every test; the demo loader would take minutes here.
"""

# ruff: noqa: F811 (the fixtures imported below are parameters of the ones defined here)

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from tests.coaching.conftest import expert_profile, make_session, topic  # noqa: F401
from tests.learning.conftest import (  # noqa: F401
    cohort,
    english,
    make_facilitator,
    make_participant,
    member,
    other_cohort,
    programme,
)
from tests.security.support import admin_created_staff


@pytest.fixture
def superuser(make_user):
    return make_user(
        "programme managers",
        "081311110009",
        name="Super Admin",
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def world(
    programme,
    cohort,
    other_cohort,
    member,
    make_participant,
    facilitator,
    expert,
    expert_profile,
    make_session,
    manager,
    superuser,
):
    """Rows for every kind of id in the site's URLs, and the people of every role."""
    from coaching import services as coaching
    from learning import services as learning
    from notifications.models import Notification
    from tests.podcasts.factories import make_episode, make_podcast

    outsider = make_participant(name="Outsider Participant")
    learning.enrolment_create(cohort=other_cohort, participant=outsider)
    assignment = learning.assignment_create(
        created_by=facilitator,
        title="Foto usaha",
        instructions="Kirim foto.",
        due_at=timezone.now() + dt.timedelta(days=3),
        cohort=cohort,
    )
    submission, _rejected = learning.submission_create(
        assignment=assignment,
        participant=member,
        text="Jawaban",
        files=[SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n")],
    )
    workshop = learning.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Hari 1",
        starts_at=timezone.now(),
        stage=programme["orientation"],
    )
    clinic = make_session(expert_profile, start_in=dt.timedelta(days=3))
    booking = coaching.booking_create(participant=member, session=clinic).booking
    notification = Notification.objects.create(
        recipient=member, kind="test", title="Halo", url="/id/learning/assignments/"
    )
    podcast = make_podcast(programme["home"])
    episode = make_episode(podcast, transcript="Halo.")

    admin = Client()
    admin.force_login(superuser)
    admin_staff = {
        role: admin_created_staff(admin, role=group, mobile=f"0812999900{n:02d}", name=name)
        for n, (role, group, name) in enumerate(
            [
                ("admin_facilitator", "facilitators", "Fasilitator Dari Admin"),
                ("admin_expert", "experts", "Ahli Dari Admin"),
                ("admin_manager", "programme managers", "Manajer Dari Admin"),
            ]
        )
    }
    return {
        "people": {
            "anonymous": None,
            "participant": member,
            "facilitator": facilitator,
            "expert": expert,
            "manager": manager,
            "superuser": superuser,
            **admin_staff,
        },
        "outsider": outsider,
        "cohort": cohort,
        "other_cohort": other_cohort,
        "assignment": assignment,
        "submission": submission,
        "file": submission.files.get(),
        "workshop": workshop,
        "clinic": clinic,
        "booking": booking,
        "notification": notification,
        "podcast": podcast,
        "episode": episode,
        "lesson": programme["lessons"]["internalisation"][0],
    }
