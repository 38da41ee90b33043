"""A participant's home, clinic list and assignment list: a bounded number of queries that does
not grow with the clinics, bookings, assignments and lessons there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coaching import services
from learning import services as learning

pytestmark = pytest.mark.django_db

BUDGETS = {"home": 14, "clinic list": 10, "assignment list": 6}
URLS = {
    "home": "/id/",
    "clinic list": "/id/coaching/",
    "assignment list": "/id/learning/assignments/",
}


def _counts(client) -> dict[str, int]:
    counts = {}
    for name, url in URLS.items():
        client.get(url)  # warm the caches
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, name
        counts[name] = len(context)
    return counts


def test_participant_pages_stay_within_budget_whatever_the_size(
    client,
    programme,
    cohort,
    member,
    expert_profile,
    make_session,
    make_participant,
    make_assignment,
):
    learning.stage_open_early(
        stage=programme["mastery"],
        participant=member,
        opened_by=cohort.facilitators.first(),
        reason="bench",
    )
    client.force_login(member)

    made = []

    def grow(sessions: int, assignments: int) -> None:
        for _ in range(sessions):
            made.append(1)
            session = make_session(expert_profile, start_in=dt.timedelta(days=1 + len(made)))
            n = len(made)
            services.booking_create(participant=make_participant(), session=session)
            if n % 2 == 0:
                services.booking_create(participant=member, session=session)
        for n in range(assignments):
            assignment = make_assignment(cohort, due_in=dt.timedelta(days=n % 5 - 2))
            if n % 3 == 0:
                learning.submission_create(assignment=assignment, participant=member, text="x")
        for lesson in programme["lessons"]["internalisation"]:
            learning.lesson_mark_done(participant=member, lesson=lesson)

    grow(sessions=2, assignments=2)
    small = _counts(client)
    grow(sessions=12, assignments=15)
    large = _counts(client)
    print(small, large)
    assert large == small
    for name, budget in BUDGETS.items():
        assert large[name] <= budget, (name, large[name])
