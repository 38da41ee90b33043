"""A small programme with five hand-described people, for counting indicators by hand.

Period of interest: March 2026 (Asia/Jakarta). What each person did, and when:

=====  ===  =====  ============  =========  ==========  ========================================
who    sex  age    district      status     disability  what they did
=====  ===  =====  ============  =========  ==========  ========================================
ani    F    25-34  lombok_timur  returnee   yes         enrolled A 3-05, Internalisation 3-10,
                                                        workshop days 1+2, Orientation 3-22,
                                                        submitted 3-15 (accepted 3-16), booked
                                                        3-02, attended clinic 3-25, follow-up
                                                        accepted 3-28, active 3-30
budi   M    35-44  lombok_timur  family     no          enrolled A 2-01, Internalisation 2-10,
                                                        day 1 only, booked 2-20, no-show 3-25,
                                                        listened 4-10
citra  F    <25    karawang      returnee   (none)      enrolled B 3-06, half of Internalisation,
                                                        submitted 4-02
dedi   M    45-54  karawang      family     (none)      enrolled B 3-07, Internalisation 3-08,
                                                        days 1+2, Orientation lessons 4-05
eka    F    —      —             —          (none)      not enrolled, listened 3-12
=====  ===  =====  ============  =========  ==========  ========================================
"""

import datetime as dt
import zoneinfo

import pytest

from tests.learning.conftest import build_programme

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def at(month: int, day: int, hour: int = 12) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=JAKARTA)


@pytest.fixture
def world(db, make_user):
    from cms.models import DisabilityAnswers
    from coaching.models import Attendance as ClinicAttendance
    from coaching.models import Booking, ClinicSession, Expert, FollowUp, Topic
    from learning import services
    from learning.models import (
        Assignment,
        Attendance,
        Enrolment,
        LearnerState,
        LessonCompletion,
        Review,
        Submission,
        WorkshopSession,
    )
    from podcasts.models import PlaybackPosition

    pages = build_programme(lessons_per_module=2, reflection=False)
    f1 = make_user("facilitators", "081500000001", name="Fasilitator A", is_staff=True)
    f2 = make_user("facilitators", "081500000002", name="Fasilitator B", is_staff=True)
    cohort_a = services.cohort_create(
        name="A",
        district="lombok_timur",
        start_date=dt.date(2026, 2, 1),
        facilitators=[f1],
        join_code="AAAAAA",
    )
    cohort_b = services.cohort_create(
        name="B",
        district="karawang",
        start_date=dt.date(2026, 3, 1),
        facilitators=[f2],
        join_code="BBBBBB",
    )

    def person(mobile, name, **fields):
        return make_user("participants", mobile, name=name, **fields)

    ani = person("081600000001", "Ani", sex="female", age_band="25_34",
                 district="lombok_timur", migrant_status="returnee")  # fmt: skip
    budi = person("081600000002", "Budi", sex="male", age_band="35_44",
                  district="lombok_timur", migrant_status="family")  # fmt: skip
    citra = person("081600000003", "Citra", sex="female", age_band="under_25",
                   district="karawang", migrant_status="returnee")  # fmt: skip
    dedi = person("081600000004", "Dedi", sex="male", age_band="45_54",
                  district="karawang", migrant_status="family")  # fmt: skip
    eka = person("081600000005", "Eka", sex="female", age_band="", district="",
                 migrant_status="")  # fmt: skip
    DisabilityAnswers.objects.create(user=ani, walking=3)
    DisabilityAnswers.objects.create(user=budi, seeing=2, hearing=1)

    for who, cohort, when in (
        (ani, cohort_a, at(3, 5)),
        (budi, cohort_a, at(2, 1)),
        (citra, cohort_b, at(3, 6)),
        (dedi, cohort_b, at(3, 7)),
    ):
        Enrolment.objects.create(cohort=cohort, participant=who, created_at=when)

    lessons = {kind: [p.translation_key for p in ps] for kind, ps in pages["lessons"].items()}

    def complete(who, keys, when):
        for key in keys:
            LessonCompletion.objects.create(participant=who, lesson_key=key, completed_at=when)

    complete(ani, lessons["internalisation"], at(3, 10))
    complete(ani, lessons["orientation"], at(3, 22))
    complete(budi, lessons["internalisation"], at(2, 10))
    complete(citra, lessons["internalisation"][:1], at(3, 11))
    complete(dedi, lessons["internalisation"], at(3, 8))
    complete(dedi, lessons["orientation"], at(4, 5))

    orientation = pages["orientation"]

    def session(cohort, day, when):
        return WorkshopSession.objects.create(
            cohort=cohort, stage=orientation, title=f"Day {day}", starts_at=when
        )

    a1, a2 = session(cohort_a, 1, at(3, 20)), session(cohort_a, 2, at(3, 21))
    # Created out of date order: day numbers come from the dates.
    b2, b1 = session(cohort_b, 2, at(3, 19)), session(cohort_b, 1, at(3, 18))
    for sess, who, present in (
        (a1, ani, True),
        (a2, ani, True),
        (a1, budi, True),
        (a2, budi, False),
        (b1, dedi, True),
        (b2, dedi, True),
    ):
        Attendance.objects.create(session=sess, participant=who, present=present)

    task = Assignment.objects.create(
        title="Task", instructions="Do it", cohort=cohort_a, due_at=at(4, 30)
    )
    sub = Submission.objects.create(
        assignment=task, participant=ani, status="accepted", submitted_at=at(3, 15)
    )
    Review.objects.create(submission=sub, decision="accept", feedback="Good", created_at=at(3, 16))
    Submission.objects.create(assignment=task, participant=citra, submitted_at=at(4, 2))
    LearnerState.objects.create(participant=ani, last_active_at=at(3, 30))
    LearnerState.objects.create(participant=budi, last_active_at=at(2, 1))

    expert_user = make_user("experts", "081500000003", name="Ahli", is_staff=True)
    expert = Expert.objects.create(user=expert_user, organisation="Bank", sector="private")
    topic = Topic.objects.create(name="Modal", slug="modal")
    clinic = ClinicSession.objects.create(
        expert=expert, topic=topic, starts_at=at(3, 25), ends_at=at(3, 25, 14), mode="online",
        capacity=5, confirmed_count=2, queue_counter=2,
    )  # fmt: skip
    ani_booking = Booking.objects.create(
        session=clinic, participant=ani, status="confirmed", queue_number=1,
        created_at=at(3, 2), attendance=ClinicAttendance.ATTENDED,
    )  # fmt: skip
    Booking.objects.create(
        session=clinic, participant=budi, status="confirmed", queue_number=2,
        created_at=at(2, 20), attendance=ClinicAttendance.NO_SHOW,
    )  # fmt: skip
    follow_task = Assignment.objects.create(
        title="Follow-up", instructions="Do it", due_at=at(4, 30)
    )
    FollowUp.objects.create(
        booking=ani_booking, title="Follow-up", instructions="x", due_at=at(4, 30),
        assignment=follow_task,
    )  # fmt: skip
    follow_sub = Submission.objects.create(
        assignment=follow_task, participant=ani, status="accepted", submitted_at=at(3, 27)
    )
    Review.objects.create(
        submission=follow_sub, decision="accept", feedback="Good", created_at=at(3, 28)
    )

    from cms.models import HomePage
    from tests.podcasts.factories import make_episode, make_podcast

    episode = make_episode(make_podcast(HomePage.objects.get(pk=pages["home"].pk)))
    for who, when in ((eka, at(3, 12)), (budi, at(4, 10))):
        position = PlaybackPosition.objects.create(user=who, episode=episode, seconds=30)
        PlaybackPosition.objects.filter(pk=position.pk).update(updated_at=when)

    return {
        "people": {"ani": ani, "budi": budi, "citra": citra, "dedi": dedi, "eka": eka},
        "cohorts": {"A": cohort_a, "B": cohort_b},
        "facilitators": {"A": f1, "B": f2},
        "pages": pages,
    }
