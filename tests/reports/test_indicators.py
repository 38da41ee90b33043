"""Every indicator against the hand-counted people of ``conftest.py``, by every dimension.

Who is counted is written out by hand below; the expected count of each cell is then derived
from those people's facts (not from SQL), so each dimension's grouping is checked too.
"""

import datetime as dt

import pytest

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

MARCH = {"start": dt.date(2026, 3, 1), "end": dt.date(2026, 3, 31)}

# Who each indicator counts in March 2026.
COUNTED_IN_MARCH = {
    "participants": {"ani", "budi", "citra", "dedi", "eka"},
    "showcase.profile": set(),  # the showcase is tested in tests/showcase
    "showcase.licence_verified.nib": set(),
    "showcase.licence_verified.pirt": set(),
    "showcase.licence_verified.halal": set(),
    "showcase.licence_verified.bpom": set(),
    "learning.enrolled": {"ani", "citra", "dedi"},
    "learning.completed_internalisation": {"ani", "dedi"},  # budi finished in February
    "learning.completed_orientation": {"ani"},  # dedi's last lesson is in April
    "learning.completed_mastery": set(),
    "learning.workshop_day_1": {"ani", "budi", "dedi"},
    "learning.workshop_day_2": {"ani", "dedi"},
    "learning.workshop_all_days": {"ani", "dedi"},  # budi missed day 2
    "learning.submitted": {"ani"},  # citra sent hers in April
    "learning.accepted": {"ani"},
    "learning.active_30_days": {"ani"},
    "coaching.booked": {"ani"},  # budi booked in February
    "coaching.attended": {"ani"},
    "coaching.no_show": {"budi"},
    "coaching.follow_up_completed": {"ani"},
    "podcasts.listened": {"eka"},  # budi listened in April
    "certificates.issued": set(),  # no certificate type here (tests/certificates counts them)
}

# Who each counts over all time (no period).
COUNTED_EVER = {
    **COUNTED_IN_MARCH,
    "learning.enrolled": {"ani", "budi", "citra", "dedi"},
    "learning.completed_internalisation": {"ani", "budi", "dedi"},
    "learning.completed_orientation": {"ani", "dedi"},
    "learning.submitted": {"ani", "citra"},
    "coaching.booked": {"ani", "budi"},
    "podcasts.listened": {"eka", "budi"},
    "learning.active_30_days": set(),  # the 30 days before today: nobody in the fixture
}


def _facts(world):
    """Each person's value in each dimension, from the fixture's description."""
    cohorts = world["cohorts"]
    disability = {"ani": "yes", "budi": "no"}
    cohort_of = {"ani": cohorts["A"], "budi": cohorts["A"], "citra": cohorts["B"]}
    cohort_of["dedi"] = cohorts["B"]
    facts = {}
    for name, person in world["people"].items():
        facts[name] = {
            "sex": person.sex,
            "age_band": person.age_band,
            "district": person.district,
            "migrant_status": person.migrant_status,
            "disability": disability.get(name, ""),
            "cohort": str(cohort_of[name].pk) if name in cohort_of else "",
        }
    return facts


def _check(report, expected, facts):
    checked = 0
    for dimension, table in report.tables.items():
        for row in table.rows:
            people = expected[row.key]
            want = [
                sum(1 for name in people if facts[name][dimension] == value)
                for value, _label in table.columns
            ]
            got = [cell.value for cell in row.cells]
            assert got == want, (row.key, dimension, table.columns)
            assert row.total.value == len(people), (row.key, dimension)
            checked += 1
    return checked


def test_every_indicator_by_every_dimension_in_a_period(world, manager):
    from reports.selectors import Filters, report_build

    report = report_build(user=manager, filters=Filters(**MARCH))
    assert {row.key for row in report.table("sex").rows} == set(COUNTED_IN_MARCH)
    assert _check(report, COUNTED_IN_MARCH, _facts(world)) == 6 * len(COUNTED_IN_MARCH)


def test_every_indicator_by_every_dimension_over_all_time(world, manager):
    from reports.selectors import Filters, report_build

    report = report_build(user=manager, filters=Filters())
    _check(report, COUNTED_EVER, _facts(world))


def test_columns_show_not_recorded_only_when_someone_is(world, manager):
    from reports.selectors import Filters, report_build

    report = report_build(user=manager, filters=Filters(**MARCH))
    assert [value for value, _ in report.table("sex").columns] == ["female", "male"]
    assert report.table("age_band").columns[-1][0] == ""  # eka gave no age
    assert [value for value, _ in report.table("disability").columns] == ["yes", "no", ""]


def test_filters_by_district_and_cohort(world, manager):
    from reports.selectors import Filters, report_build

    lombok = report_build(user=manager, filters=Filters(district="lombok_timur", **MARCH))
    sex = lombok.table("sex")
    assert sex.row("participants").total.value == 2
    assert sex.row("learning.workshop_day_1").total.value == 2
    assert sex.row("coaching.no_show").total.value == 1
    only_b = report_build(user=manager, filters=Filters(cohort=world["cohorts"]["B"], **MARCH))
    assert only_b.table("sex").row("learning.enrolled").total.value == 2
    assert only_b.table("sex").row("learning.workshop_all_days").total.value == 1


def test_the_last_day_of_the_period_is_included(world, manager):
    from reports.selectors import Filters, report_build

    # ani's clinic is on 25 March at noon in Jakarta.
    on_the_day = Filters(start=dt.date(2026, 3, 25), end=dt.date(2026, 3, 25))
    before = Filters(start=dt.date(2026, 3, 24), end=dt.date(2026, 3, 24))
    attended = "coaching.attended"
    assert report_build(user=manager, filters=on_the_day).table("sex").row(attended).total.value
    assert not report_build(user=manager, filters=before).table("sex").row(attended).total.value


def test_query_count_is_fixed(world, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.models import User
    from reports.selectors import Filters, report_build

    manager = User.objects.get(pk=manager.pk)  # fresh: no role cache
    with CaptureQueriesContext(connection) as small:
        report_build(user=manager, filters=Filters(**MARCH))
    for n in range(30):
        world["people"]["ani"].__class__.objects.create_user(
            f"0817000{n:05d}", None, name=f"Extra {n}", sex="female"
        ).groups.add(*world["people"]["ani"].groups.all())
    manager = User.objects.get(pk=manager.pk)
    with CaptureQueriesContext(connection) as large:
        report = report_build(user=manager, filters=Filters(**MARCH))
    assert report.table("sex").row("participants").total.value == 35
    assert len(large.captured_queries) == len(small.captured_queries)
