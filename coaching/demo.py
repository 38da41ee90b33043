"""Demo data for coaching: an expert per topic, a month of sessions (group and one-to-one, in
person and online, in WIB and WITA), bookings, a waitlist, and past sessions with notes and
follow-ups.

Idempotent: people and profiles are looked up by mobile number; sessions are made only for an
expert who has none yet, so a second run changes nothing.
"""

import contextlib
import datetime as dt
import io
import zoneinfo

from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.models import AgeBand, District, MigrantStatus, Role, Sex, User, district_time_zone
from coaching import services
from coaching.models import (
    Attendance,
    Audience,
    Booking,
    BookingStatus,
    ClinicSession,
    Expert,
    FollowUp,
    Sector,
    SessionMode,
    SessionNote,
    Topic,
)

PASSWORD = "ahli-berdaya"

EXPERTS = [
    # mobile, name, zone district, organisation, sector, topic slug, colour, bio
    (
        "081200000003",
        "Budi Santoso",
        District.KARAWANG,
        "Bank Rakyat Karawang",
        Sector.PRIVATE,
        "akses-modal",
        "#0b6e5d",
        "Pendamping kredit usaha rakyat (KUR) selama 12 tahun.",
    ),
    (
        "081200000013",
        "Ni Made Ayu Lestari",
        District.LOMBOK_TIMUR,
        "Toko Daring Rinjani",
        Sector.PRIVATE,
        "pemasaran-digital",
        "#2f5f9e",
        "Menjual tenun Lombok lewat marketplace dan media sosial.",
    ),
    (
        "081200000014",
        "Yohanes Kelen",
        District.FLORES_TIMUR,
        "Studio Desain Larantuka",
        Sector.PRIVATE,
        "desain-produk",
        "#8a4b00",
        "Desainer kemasan untuk produk pangan dan kerajinan.",
    ),
    (
        "081200000015",
        "Rina Hartati",
        District.WONOSOBO,
        "Dinas Koperasi dan UKM Wonosobo",
        Sector.GOVERNMENT,
        "perizinan-sertifikasi",
        "#6a1b9a",
        "Membantu NIB, PIRT dan sertifikasi halal.",
    ),
]

# The four topics of the programme (also seeded by migration 0002; managers may edit them).
TOPICS = [
    ("akses-modal", "Akses permodalan", "Access to capital", 10),
    ("pemasaran-digital", "Pemasaran digital dan online", "Digital and online marketing", 20),
    ("desain-produk", "Desain produk", "Product design", 30),
    (
        "perizinan-sertifikasi",
        "Perizinan dan sertifikasi produk",
        "Product licensing and certification",
        40,
    ),
]

PARTICIPANTS = [
    ("081200000001", "Siti Aminah", District.LOMBOK_TIMUR, Sex.FEMALE),
    ("081200000021", "Baiq Nurul Hidayah", District.LOMBOK_TIMUR, Sex.FEMALE),
    ("081200000022", "Maria Lamahoda", District.FLORES_TIMUR, Sex.FEMALE),
    ("081200000023", "Sri Wahyuni", District.WONOSOBO, Sex.FEMALE),
    ("081200000024", "Ahmad Fauzi", District.KARAWANG, Sex.MALE),
    ("081200000025", "Lalu Muhammad Zaini", District.LOMBOK_TIMUR, Sex.MALE),
]


def _mobile(local: str) -> str:
    return f"+62{local[1:]}"


def _person(mobile, name, district, sex, role, password, *, is_staff=False) -> User:
    user = User.objects.filter(mobile=_mobile(mobile)).first()
    if user is None:
        user = User.objects.create_user(
            mobile,
            password,
            name=name,
            sex=sex,
            district=district,
            age_band=AgeBand.AGE_35_44,
            migrant_status=MigrantStatus.RETURNEE,
            time_zone=district_time_zone(district),
            is_staff=is_staff,
        )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def _portrait_file(name: str, colour: str) -> io.BytesIO:
    """A square portrait: a drawn head and shoulders in a lighter tone of ``colour``, with the
    person's initials across the chest, so the round crop on a clinic's page shows a face."""
    size = 400
    picture = PILImage.new("RGB", (size, size), colour)
    draw = ImageDraw.Draw(picture)
    base = PILImage.new("RGB", (1, 1), colour).getpixel((0, 0))
    light = tuple(min(255, c + (255 - c) * 55 // 100) for c in base)
    # shoulders, then the head above them (the circle crop keeps the middle of the square)
    draw.ellipse((70, 250, 330, 520), fill=light)
    draw.ellipse((130, 70, 270, 220), fill=light)
    initials = "".join(part[0] for part in name.split()[:2]).upper()
    font = ImageFont.load_default(size=64)
    left, top, right, bottom = draw.textbbox((0, 0), initials, font=font)
    draw.text(
        ((size - (right - left)) / 2 - left, 305 - top),
        initials,
        fill=colour,
        font=font,
    )
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    return buffer


def _photo(name: str, colour: str):
    """The expert's demo portrait, a Wagtail image (made once, found by its title after)."""
    Image = get_image_model()
    title = f"Potret {name}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        # Wagtail's migrations make the root collection; a flushed test database lacks it.
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        slug = "-".join(name.lower().split())
        image = Image.objects.create(
            title=title, file=ImageFile(_portrait_file(name, colour), name=f"potret-{slug}.jpg")
        )
    return image


def _local(day: dt.date, hour: int, minute: int, zone: str) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))


def _sessions_for(expert: Expert, topic: Topic, index: int) -> None:
    """A month ahead: a weekly group clinic (online or in person) and one-to-one slots."""
    zone = expert.user.time_zone
    today = timezone.localdate(timezone=zoneinfo.ZoneInfo(zone))
    by = expert.user
    online = index % 2 == 0
    group = services.SessionData(
        topic=topic,
        mode=SessionMode.ONLINE if online else SessionMode.IN_PERSON,
        meeting_link=f"https://meet.jit.si/berdaya-klinik-{topic.slug}" if online else "",
        place="" if online else f"Balai Latihan Kerja, {expert.user.get_district_display()}",
        capacity=8,
        audience=Audience.ALL if index < 2 else Audience.MASTERY,
        notice_hours=12,
        title=f"Klinik kelompok: {topic.name}",
    )
    for week in range(4):
        day = today + dt.timedelta(days=2 + index + 7 * week)
        starts = _local(day, 10, 0, zone)
        services.session_create(
            by=by,
            expert=expert,
            data=group,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
        )
    one_to_one = services.SessionData(
        topic=topic,
        mode=SessionMode.ONLINE,
        meeting_link=f"https://meet.jit.si/berdaya-1on1-{topic.slug}",
        capacity=1,
        audience=Audience.ALL,
        notice_hours=6,
    )
    first = today + dt.timedelta(days=3 + index)
    spans = services.slot_spans(
        first_day=first,
        weeks=4,
        day_start=dt.time(14, 0),
        day_end=dt.time(15, 30),
        slot_minutes=30,
        time_zone=zone,
    )
    services.session_series_create(
        by=by, expert=expert, data=one_to_one, spans=spans, description="Sesi satu-satu"
    )


def _past_session(expert: Expert, topic: Topic, people: list[User]) -> None:
    """A clinic last week with attendance, notes and follow-ups (written as the expert would)."""
    from learning.services import assignment_create

    zone = expert.user.time_zone
    day = timezone.localdate(timezone=zoneinfo.ZoneInfo(zone)) - dt.timedelta(days=7)
    starts = _local(day, 10, 0, zone)
    session = ClinicSession.objects.create(
        expert=expert,
        topic=topic,
        title=f"Klinik kelompok: {topic.name}",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        time_zone=zone,
        mode=SessionMode.ONLINE,
        meeting_link=f"https://meet.jit.si/berdaya-klinik-{topic.slug}-lalu",
        capacity=8,
        audience=Audience.ALL,
        created_by=expert.user,
        confirmed_count=len(people),
        queue_counter=len(people),
    )
    for number, person in enumerate(people, start=1):
        attended = number != len(people)
        booking = Booking.objects.create(
            session=session,
            participant=person,
            status=BookingStatus.CONFIRMED,
            queue_number=number,
            created_at=starts - dt.timedelta(days=3),
            confirmed_at=starts - dt.timedelta(days=3),
            attendance=Attendance.ATTENDED if attended else Attendance.NO_SHOW,
            attendance_marked_at=starts + dt.timedelta(hours=2),
            attendance_marked_by=expert.user,
        )
        if not attended:
            continue
        SessionNote.objects.create(
            booking=booking,
            author=expert.user,
            text=(
                f"{person.name} sudah punya usaha kecil yang berjalan. Langkah berikutnya:"
                " catat pemasukan dan pengeluaran setiap hari selama dua minggu."
            ),
        )
        # A deadline as an expert sets one: 23:59 in the participant's zone, ten days on.
        their_zone = person.time_zone or zone
        their_today = timezone.localdate(timezone=zoneinfo.ZoneInfo(their_zone))
        due = _local(their_today + dt.timedelta(days=10), 23, 59, their_zone)
        title = "Catatan keuangan dua minggu"
        instructions = (
            "Tulis pemasukan dan pengeluaran usaha Anda setiap hari selama dua minggu, lalu"
            " kirim foto buku catatannya."
        )
        assignment = assignment_create(
            created_by=expert.user,
            title=title,
            instructions=instructions,
            due_at=due,
            participants=[person],
        )
        FollowUp.objects.create(
            booking=booking,
            title=title,
            instructions=instructions,
            due_at=due,
            assignment=assignment,
            created_by=expert.user,
        )


def _book(person: User, session: ClinicSession) -> None:
    # Overlaps or eligibility: the demo simply skips that one.
    with contextlib.suppress(services.CoachingError):
        services.booking_create(participant=person, session=session)


@transaction.atomic
def load_demo(*, stdout=None) -> None:
    for slug, name, name_en, order in TOPICS:
        Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
        )
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    people = [
        _person(mobile, name, district, sex, Role.PARTICIPANT, "peserta-berdaya")
        for mobile, name, district, sex in PARTICIPANTS
    ]
    created = 0
    for index, (mobile, name, district, org, sector, slug, colour, bio) in enumerate(EXPERTS):
        topic = topics.get(slug)
        if topic is None:
            continue
        user = _person(mobile, name, district, Sex.FEMALE, Role.EXPERT, PASSWORD, is_staff=True)
        expert, new = Expert.objects.get_or_create(
            user=user,
            defaults={"organisation": org, "sector": sector, "bio": bio},
        )
        if new:
            expert.topics.add(topic)
        portrait = _photo(name, colour)
        if expert.photo_id != portrait.pk:  # also replaces the banner earlier demos gave
            expert.photo = portrait
            expert.save(update_fields=["photo"])
        if expert.sessions.exists():
            continue
        created += 1
        _sessions_for(expert, topic, index)
        _past_session(expert, topic, people[index % 3 : index % 3 + 3])
        upcoming = list(expert.sessions.filter(starts_at__gt=timezone.now(), audience="all"))
        group = [s for s in upcoming if s.capacity > 1]
        slots = [s for s in upcoming if s.capacity == 1]
        if group:
            for person in people[:4]:
                _book(person, group[0])
        if slots:
            # One-to-one slot taken, with a waitlist behind it.
            for person in people[3:] + people[:1]:
                _book(person, slots[0])
    if stdout is not None and created:
        stdout.write(f"Coaching demo: sessions, bookings and notes for {created} experts.")
