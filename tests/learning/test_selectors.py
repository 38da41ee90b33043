"""The selectors other apps rely on (coaching, notifications)."""

import pytest

from learning import selectors, services

pytestmark = pytest.mark.django_db


def test_cohorts_and_facilitators_of_a_participant(
    cohort, other_cohort, member, facilitator, make_facilitator, make_participant
):
    co = make_facilitator(name="Co")
    cohort.facilitators.add(co)
    assert list(selectors.cohorts_of(participant=member)) == [cohort]
    assert set(selectors.facilitators_of(participant=member)) == {facilitator, co}
    services.enrolment_create(cohort=other_cohort, participant=member)
    assert set(selectors.cohorts_of(participant=member)) == {cohort, other_cohort}
    assert len(selectors.facilitators_of(participant=member)) == 3
    loner = make_participant()
    assert not selectors.cohorts_of(participant=loner).exists()
    assert not selectors.facilitators_of(participant=loner).exists()


def test_has_reached_stage_by_kind(programme, member, facilitator):
    assert selectors.has_reached_stage(user=member, kind="internalisation")
    assert not selectors.has_reached_stage(user=member, kind="mastery")
    services.stage_open_early(
        stage=programme["mastery"], participant=member, opened_by=facilitator, reason="Clinic"
    )
    member.__dict__.pop("_learning_progress", None)
    assert selectors.has_reached_stage(user=member, kind="mastery")
    assert not selectors.has_reached_stage(user=member, kind="no-such-kind")
