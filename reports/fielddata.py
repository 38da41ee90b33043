"""A realistic programme for testing reports: ``manage.py generate_field_data``.

The field seeds: 811 people enrolled in four districts, 254 men and 557 women, of whom 809
finished the training (Internalisation and the Orientation workshop; two dropped out after
the first workshop day). ``--participants N`` keeps those proportions. Everything is created
in bulk with a seeded random generator, so the same arguments give the same programme.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from cms.models import (
    AgeBand,
    DisabilityAnswers,
    District,
    LessonPage,
    MigrantStatus,
    ProgrammePage,
    Role,
    Sex,
    StageKind,
    StagePage,
    User,
    district_time_zone,
)
from coaching.models import Attendance as ClinicAttendance
from coaching.models import Booking, BookingStatus, ClinicSession, Expert, Sector, Topic
from learning.models import (
    Assignment,
    Attendance,
    Cohort,
    Enrolment,
    LearnerState,
    LessonCompletion,
    Review,
    Submission,
    WorkshopSession,
)

SEED_ENROLLED, SEED_MEN, SEED_TRAINED = 811, 254, 809
MOBILE_PREFIX = "+628990"  # generated people's numbers: +628990NNNNNN
DISTRICTS = [District.FLORES_TIMUR, District.LOMBOK_TIMUR, District.WONOSOBO, District.KARAWANG]
COHORT_SIZE = 25


@dataclass
class FieldCounts:
    participants: int
    men: int
    women: int
    trained: int
    cohorts: int
    clinics: int


def proportions(participants: int) -> tuple[int, int, int]:
    """(men, women, trained) for ``participants`` people, in the seeds' proportions."""
    men = round(participants * SEED_MEN / SEED_ENROLLED)
    trained = participants - round(participants * (SEED_ENROLLED - SEED_TRAINED) / SEED_ENROLLED)
    return men, participants - men, trained


def _stage_lessons() -> dict[str, list]:
    default = Locale.get_default()
    keys = {}
    for kind in (StageKind.INTERNALISATION, StageKind.ORIENTATION, StageKind.MASTERY):
        stage = StagePage.objects.live().filter(kind=kind, locale=default).first()
        keys[kind] = (
            stage,
            list(
                LessonPage.objects.live()
                .descendant_of(stage)
                .filter(required=True)
                .values_list("translation_key", flat=True)
            )
            if stage
            else [],
        )
    return keys


def _ensure_curriculum() -> None:
    if ProgrammePage.objects.live().exists():
        return
    from cms.demo import Loader

    loader = Loader()
    loader.ensure_locales()
    loader.curriculum(loader.ensure_home())


@transaction.atomic
def field_data_generate(*, participants: int = SEED_ENROLLED, seed: int = 809) -> FieldCounts:
    """Create ``participants`` participants with cohorts, progress, workshop attendance,
    assignments and coaching clinics. Refuses to run twice (it would double the numbers)."""
    if User.objects.filter(mobile__startswith=MOBILE_PREFIX).exists():
        raise ValueError("Field data is already loaded.")
    _ensure_curriculum()
    rng = random.Random(seed)
    now = timezone.now()
    men, women, trained = proportions(participants)
    stages = _stage_lessons()
    orientation = stages[StageKind.ORIENTATION][0]

    group = Group.objects.get_or_create(name=Role.PARTICIPANT)[0]
    staff = Group.objects.get_or_create(name=Role.FACILITATOR)[0]
    expert_group = Group.objects.get_or_create(name=Role.EXPERT)[0]

    sexes = [Sex.MALE] * men + [Sex.FEMALE] * women
    rng.shuffle(sexes)
    bands = [AgeBand.UNDER_25, AgeBand.AGE_25_34, AgeBand.AGE_35_44, AgeBand.AGE_45_54]
    people = []
    for n, sex in enumerate(sexes):
        district = DISTRICTS[n % len(DISTRICTS)]
        people.append(
            User(
                mobile=f"{MOBILE_PREFIX}{n:06d}",
                name=f"Peserta {n + 1}",
                password="!",
                sex=sex,
                age_band=rng.choices([*bands, AgeBand.AGE_55_UP], weights=[20, 35, 28, 12, 5])[0],
                district=district,
                migrant_status=rng.choices(
                    [MigrantStatus.RETURNEE, MigrantStatus.FAMILY], weights=[60, 40]
                )[0],
                time_zone=district_time_zone(district),
                date_joined=now - datetime.timedelta(days=200),
            )
        )
    people = User.objects.bulk_create(people)
    User.groups.through.objects.bulk_create(
        User.groups.through(user_id=person.pk, group_id=group.pk) for person in people
    )

    # Facilitators, cohorts of about 25 per district, and the two workshop days.
    by_district: dict[str, list[User]] = {}
    for person in people:
        by_district.setdefault(person.district, []).append(person)
    cohorts, enrolments, sessions, cohort_of = [], [], [], {}
    for index, district in enumerate(DISTRICTS):
        facilitator = User.objects.create_user(
            f"{MOBILE_PREFIX}9{index:05d}",
            None,
            name=f"Fasilitator {district}",
            district=district,
            time_zone=district_time_zone(district),
            is_staff=True,
        )
        facilitator.groups.add(staff)
        members = by_district.get(district, [])
        for start in range(0, len(members), COHORT_SIZE):
            begins = (now - datetime.timedelta(days=rng.randint(60, 170))).date()
            cohort = Cohort.objects.create(
                name=f"{district.replace('_', ' ').title()} {start // COHORT_SIZE + 1}",
                district=district,
                start_date=begins,
            )
            cohort.facilitators.add(facilitator)
            cohorts.append(cohort)
            for person in members[start : start + COHORT_SIZE]:
                cohort_of[person.pk] = cohort
                enrolments.append(
                    Enrolment(
                        cohort=cohort,
                        participant=person,
                        via=Enrolment.Via.FACILITATOR,
                        created_at=timezone.make_aware(
                            datetime.datetime.combine(begins, datetime.time(9))
                        ),
                    )
                )
            for day in (1, 2):
                sessions.append(
                    WorkshopSession(
                        cohort=cohort,
                        stage=orientation,
                        stage_key=orientation.translation_key if orientation else None,
                        title=f"Lokakarya hari {day}",
                        starts_at=timezone.make_aware(
                            datetime.datetime.combine(
                                begins + datetime.timedelta(days=20 + day), datetime.time(9)
                            )
                        ),
                    )
                )
    Enrolment.objects.bulk_create(enrolments)
    sessions = WorkshopSession.objects.bulk_create(sessions)
    days = {}
    for session in sessions:
        days.setdefault(session.cohort_id, []).append(session)

    # Progress: everyone trained does Internalisation and both workshop days; two in the seeds
    # came to day 1 only. A quarter go on to finish Mastery's lessons.
    trained_people = set(rng.sample([p.pk for p in people], trained))
    completions, marks, states = [], [], []
    internalisation = stages[StageKind.INTERNALISATION][1]
    orientation_keys = stages[StageKind.ORIENTATION][1]
    mastery_keys = stages[StageKind.MASTERY][1]
    for person in people:
        cohort = cohort_of[person.pk]
        day1, day2 = sorted(days[cohort.pk], key=lambda s: s.starts_at)
        done_at = day2.starts_at + datetime.timedelta(days=3)
        keys = list(internalisation)
        if person.pk in trained_people:
            keys += orientation_keys
            if rng.random() < 0.25:
                keys += mastery_keys
        else:
            keys = keys[: max(1, len(keys) // 2)]
        for n, key in enumerate(keys):
            completions.append(
                LessonCompletion(
                    participant=person,
                    lesson_key=key,
                    completed_at=done_at + datetime.timedelta(hours=n),
                )
            )
        marks.append(Attendance(session=day1, participant=person, present=True))
        marks.append(
            Attendance(session=day2, participant=person, present=person.pk in trained_people)
        )
        states.append(
            LearnerState(
                participant=person,
                last_active_at=now - datetime.timedelta(days=rng.randint(0, 60)),
            )
        )
    LessonCompletion.objects.bulk_create(completions)
    Attendance.objects.bulk_create(marks)
    LearnerState.objects.bulk_create(states)

    # Disability questions: about four in ten answered; some report a lot of difficulty.
    answers = []
    for person in people:
        if rng.random() < 0.4:
            hard = rng.random() < 0.1
            answers.append(
                DisabilityAnswers(
                    user=person,
                    seeing=3 if hard else rng.choice([1, 1, 2]),
                    hearing=1,
                    walking=rng.choice([1, 2]),
                    remembering=1,
                    self_care=1,
                    communicating=1,
                )
            )
    DisabilityAnswers.objects.bulk_create(answers)

    # One assignment per cohort; most submit, and most of those are accepted.
    submissions, reviews = [], []
    for cohort in cohorts:
        assignment = Assignment.objects.create(
            title="Rencana usaha", instructions="Tulis rencana usaha Anda.", cohort=cohort,
            whole_cohort=True, due_at=now,
        )  # fmt: skip
        for enrolment in (e for e in enrolments if e.cohort_id == cohort.pk):
            if rng.random() < 0.7:
                submissions.append(
                    Submission(
                        assignment=assignment,
                        participant_id=enrolment.participant_id,
                        status=Submission.Status.SUBMITTED,
                        submitted_at=now - datetime.timedelta(days=rng.randint(5, 40)),
                    )
                )
    submissions = Submission.objects.bulk_create(submissions)
    for submission in submissions:
        if rng.random() < 0.6:
            submission.status = Submission.Status.ACCEPTED
            reviews.append(
                Review(
                    submission=submission,
                    decision=Review.Decision.ACCEPT,
                    feedback="Bagus.",
                    created_at=submission.submitted_at + datetime.timedelta(days=2),
                )
            )
    Submission.objects.bulk_update(submissions, ["status"])
    Review.objects.bulk_create(reviews)

    # Coaching clinics: a group clinic per district; about a third of the trained book one.
    topic, _created = Topic.objects.get_or_create(
        slug="akses-modal", defaults={"name": "Akses permodalan", "name_en": "Access to capital"}
    )
    expert_user = User.objects.create_user(
        f"{MOBILE_PREFIX}800000", None, name="Ahli Modal", is_staff=True
    )
    expert_user.groups.add(expert_group)
    expert = Expert.objects.create(
        user=expert_user, organisation="Bank Daerah", sector=Sector.PRIVATE
    )
    expert.topics.add(topic)
    bookings, clinics = [], 0
    for district in DISTRICTS:
        bookers = [
            p
            for p in by_district.get(district, [])
            if p.pk in trained_people and rng.random() < 1 / 3
        ]
        if not bookers:
            continue
        starts = now - datetime.timedelta(days=rng.randint(5, 30))
        clinic = ClinicSession.objects.create(
            expert=expert,
            topic=topic,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            time_zone=district_time_zone(district),
            mode="in_person",
            capacity=len(bookers),
            audience="mastery",
            confirmed_count=len(bookers),
            queue_counter=len(bookers),
        )
        clinics += 1
        for n, person in enumerate(bookers, start=1):
            bookings.append(
                Booking(
                    session=clinic,
                    participant=person,
                    status=BookingStatus.CONFIRMED,
                    queue_number=n,
                    created_at=starts - datetime.timedelta(days=7),
                    confirmed_at=starts - datetime.timedelta(days=7),
                    attendance=ClinicAttendance.ATTENDED
                    if rng.random() < 0.8
                    else ClinicAttendance.NO_SHOW,
                    attendance_marked_at=starts,
                )
            )
    Booking.objects.bulk_create(bookings)
    return FieldCounts(
        participants=participants,
        men=men,
        women=women,
        trained=trained,
        cohorts=len(cohorts),
        clinics=clinics,
    )
