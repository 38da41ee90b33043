"""Demo data for learning: a cohort per district with participants, progress, workshop
attendance, reflections and assignments in every state (to do, due soon, overdue, waiting for
review, needs revision, resubmitted, accepted, late, closed).

Idempotent: a cohort that exists (found by its join code) is left exactly as it is.
"""

from __future__ import annotations

import datetime
import io
import zoneinfo

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw
from wagtail.models import Locale

from cms.models import (
    AgeBand,
    District,
    LessonPage,
    MigrantStatus,
    Role,
    Sex,
    StageKind,
    StagePage,
    User,
    district_time_zone,
)
from cms.phone import normalise_mobile

from . import services
from .models import Cohort, LearnerState, Submission

COHORTS = [
    (District.FLORES_TIMUR, "Kelompok Larantuka 2026", "FLORES", "Yohanes Kelen", "Larantuka"),
    (District.LOMBOK_TIMUR, "Kelompok Selong 2026", "LOMBOK", "Baiq Nurhayati", "Selong"),
    (District.WONOSOBO, "Kelompok Wonosobo 2026", "WONOSB", "Agus Pranoto", "Wonosobo"),
    (District.KARAWANG, "Kelompok Karawang 2026", "KRWANG", "Rina Marlina", "Karawang"),
]
FIRST_NAMES = [
    ("Sri", Sex.FEMALE), ("Wayan", Sex.MALE), ("Nur", Sex.FEMALE), ("Maria", Sex.FEMALE),
    ("Ahmad", Sex.MALE), ("Dewi", Sex.FEMALE), ("Lina", Sex.FEMALE), ("Yosef", Sex.MALE),
    ("Fitri", Sex.FEMALE), ("Rahmat", Sex.MALE),
]  # fmt: skip
LAST_NAMES = ["Wahyuni", "Lestari", "Hasanah", "Kewa", "Saputra", "Puspita", "Marlina", "Bali"]
PARTICIPANTS_PER_COHORT = 8
DEMO_PASSWORD = "peserta-berdaya"
DEMO_PARTICIPANT = "081200000001"
DEMO_FACILITATOR = "081200000002"


def _photo(label: str) -> SimpleUploadedFile:
    picture = Image.new("RGB", (1200, 900), "#c8763a")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((60, 60, 1140, 840), outline="white", width=10)
    draw.text((120, 420), label, fill="white", font_size=64)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def _user(mobile: str, name: str, role: str, **fields) -> User:
    user = User.objects.filter(mobile=normalise_mobile(mobile)).first()
    if user is None:
        user = User.objects.create_user(mobile, DEMO_PASSWORD, name=name, **fields)
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def load_demo(*, stdout=None) -> int:
    """Create what is missing; returns the number of cohorts created."""
    default = Locale.get_default()
    stages = {
        stage.kind: stage
        for stage in StagePage.objects.live().filter(locale=default).order_by("path")
    }
    if StageKind.INTERNALISATION not in stages:
        return 0
    created = 0
    for index, spec in enumerate(COHORTS, start=1):
        if Cohort.objects.filter(join_code=spec[2]).exists():
            continue
        with transaction.atomic():
            _cohort(index, *spec, stages=stages, locale=default)
        created += 1
    if stdout is not None and created:
        stdout.write(f"Learning demo: {created} cohorts with participants and assignments.")
    return created


def _at(days: int, hour: int, minute: int, zone: str) -> datetime.datetime:
    """``days`` from today at a local hour of the cohort's district: workshops at 09:00,
    deadlines at 17:00 or 23:59, as people would set them (not "now + 3 days", 06:06)."""
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(zone))
    day = today + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), zoneinfo.ZoneInfo(zone))


def _cohort(index, district, name, code, co_facilitator, place, *, stages, locale) -> Cohort:
    now = timezone.now()
    zone = district_time_zone(district)
    lead = User.objects.filter(mobile=normalise_mobile(DEMO_FACILITATOR)).first()
    co = _user(
        f"08125590{index:04d}",
        co_facilitator,
        Role.FACILITATOR,
        district=district,
        sex=Sex.FEMALE if index % 2 else Sex.MALE,
        time_zone=zone,
        is_staff=True,
    )
    cohort = services.cohort_create(
        name=name,
        district=district,
        start_date=(now - datetime.timedelta(days=30)).date(),
        facilitators=[f for f in (lead, co) if f is not None],
        join_code=code,
    )
    facilitator = lead or co

    participants = []
    if district == District.LOMBOK_TIMUR:
        demo = User.objects.filter(mobile=normalise_mobile(DEMO_PARTICIPANT)).first()
        if demo is not None:
            participants.append(demo)
    for i in range(PARTICIPANTS_PER_COHORT):
        first, sex = FIRST_NAMES[(i + index) % len(FIRST_NAMES)]
        participants.append(
            _user(
                f"0812550{index}{i:04d}",
                f"{first} {LAST_NAMES[(i * 3 + index) % len(LAST_NAMES)]}",
                Role.PARTICIPANT,
                district=district,
                sex=sex,
                age_band=AgeBand.values[i % len(AgeBand.values)],
                migrant_status=MigrantStatus.values[i % 2],
                time_zone=zone,
            )
        )
    for participant in participants:
        services.enrolment_create(cohort=cohort, participant=participant)

    # Progress: participant i has done the first (i * 2) lessons of the programme.
    lessons = list(LessonPage.objects.live().filter(locale=locale).order_by("path"))
    internalisation = [
        lesson
        for lesson in lessons
        if lesson.path.startswith(stages[StageKind.INTERNALISATION].path)
    ]
    for i, participant in enumerate(participants):
        for lesson in lessons[: min(i * 2, len(internalisation) + i // 3)]:
            try:
                services.lesson_mark_done(participant=participant, lesson=lesson)
            except Exception:  # a later stage still locked: stop there
                break
        if i < len(internalisation) and internalisation:
            services.lesson_visit(
                participant=participant, lesson=internalisation[i % len(internalisation)]
            )
        # Some have been quiet for more than a week.
        days = 2 if i % 3 else 10
        LearnerState.objects.update_or_create(
            participant=participant,
            defaults={"last_active_at": now - datetime.timedelta(days=days)},
        )
    # A reflection, private to the participant and the facilitators.
    if internalisation:
        lesson = internalisation[0]
        questions = [b.value["question"] for b in lesson.body if b.block_type == "reflection"]
        if questions:
            services.reflection_save(
                participant=participants[1],
                lesson=lesson,
                position=0,
                question=questions[0],
                answer="Saya ingin membuka warung kopi supaya bisa dekat dengan keluarga.",
            )

    # Orientation workshop: two days; day 1 marked, day 2 coming.
    orientation = stages.get(StageKind.ORIENTATION)
    day1 = services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Lokakarya Orientasi · Hari 1",
        stage=orientation,
        starts_at=_at(-3, 9, 0, zone),
        ends_at=_at(-3, 16, 0, zone),
        place=f"Balai Desa {place}",
    )
    services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Lokakarya Orientasi · Hari 2",
        stage=orientation,
        starts_at=_at(4, 9, 0, zone),
        ends_at=_at(4, 16, 0, zone),
        place=f"Balai Desa {place}",
    )
    for i, participant in enumerate(participants):
        services.attendance_mark(
            session=day1, participant=participant, present=i % 4 != 3, marked_by=facilitator
        )
    # One correction, so the register's history has something to show.
    services.attendance_mark(session=day1, participant=participants[3], present=True, marked_by=co)
    # A participant who could not attend gets Mastery opened early, with the reason.
    mastery = stages.get(StageKind.MASTERY)
    if mastery is not None:
        services.stage_open_early(
            stage=mastery,
            participant=participants[-1],
            opened_by=facilitator,
            reason="Sudah punya usaha berjalan; ikut klinik modal lebih awal.",
        )

    # Assignments in every state.
    lesson = internalisation[0] if internalisation else None
    plan = services.assignment_create(
        created_by=facilitator,
        title="Foto tempat usaha Anda",
        instructions="Ambil 1–3 foto tempat atau alat usaha Anda dan ceritakan singkat.",
        due_at=_at(7, 23, 59, zone),
        cohort=cohort,
        lesson=lesson,
    )
    budget = services.assignment_create(
        created_by=facilitator,
        title="Anggaran rumah tangga satu bulan",
        instructions="Tulis pemasukan dan pengeluaran keluarga Anda selama satu bulan.",
        due_at=_at(-2, 17, 0, zone),
        cohort=cohort,
        allow_photos=False,
    )
    services.assignment_create(
        created_by=facilitator,
        title="Rencana kunjungan ke koperasi",
        instructions="Tuliskan kapan dan dengan siapa Anda akan ke koperasi.",
        due_at=_at(1, 23, 59, zone),  # due soon
        cohort=cohort,
        participants=participants[:4],
        allow_photos=False,
        allow_files=False,
    )
    closed = services.assignment_create(
        created_by=facilitator,
        title="Daftar hadir pra-lokakarya",
        instructions="Konfirmasi kehadiran Anda di lokakarya.",
        due_at=_at(-10, 17, 0, zone),
        cohort=cohort,
    )
    services.assignment_set_closed(assignment=closed, by=facilitator, closed=True)

    def send(assignment, participant, text, photo=False):
        submission, _rejected = services.submission_create(
            assignment=assignment,
            participant=participant,
            text=text,
            photos=[_photo(participant.name)] if photo else [],
        )
        return submission

    # participants[0]: nothing sent (to do / overdue).
    # [1]: waiting for review, with a photo.
    send(plan, participants[1], "Ini warung saya di depan rumah.", photo=True)
    # [2]: revision asked.
    first = send(plan, participants[2], "Tempat usaha saya.", photo=True)
    services.submission_review(
        submission=first,
        reviewer=facilitator,
        decision="revise",
        feedback="Bagus! Tolong tambahkan foto alat-alat usaha dan ceritakan rencananya.",
    )
    # [3]: revised and resubmitted, waiting again.
    first = send(plan, participants[3], "Kios sayur.")
    services.submission_review(
        submission=first,
        reviewer=co,
        decision="revise",
        feedback="Mohon tambahkan foto kiosnya.",
    )
    send(plan, participants[3], "Kios sayur, sekarang dengan foto.", photo=True)
    # [4]: accepted.
    first = send(plan, participants[4], "Bengkel kecil milik suami saya.", photo=True)
    services.submission_review(
        submission=first,
        reviewer=facilitator,
        decision="accept",
        feedback="Terima kasih, jelas sekali.",
    )
    # [5]: late on the budget (sent after the due date), waiting.
    late = send(budget, participants[5], "Pemasukan Rp 3.000.000; pengeluaran Rp 2.600.000.")
    # Make the waiting work look a few days old, so the queue's order shows.
    Submission.objects.filter(
        assignment__cohort=cohort, status=Submission.Status.SUBMITTED
    ).exclude(pk=late.pk).update(submitted_at=now - datetime.timedelta(days=1))
    return cohort
