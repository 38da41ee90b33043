"""Benchmark: the donor report and its XLSX over 100,000 participants with activity.

The programme is generated in SQL (a few seconds): cohorts of 25 in four districts, two
workshop days each, lesson completions, attendance, assignments and reviews, clinic bookings,
disability answers and podcast plays. The report is measured at 1,000 participants and again at
100,000: it prints the time (the request handled in-process by Django's test client) and the
number of queries beside the targets, and asserts the query count is the same at both sizes
(the number that does not depend on the machine's speed).
"""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.models import HomePage, LessonPage
from coaching.models import ClinicSession, Expert, Topic
from learning.models import Assignment
from tests.learning.conftest import build_programme
from tests.podcasts.factories import make_episode, make_podcast

pytestmark = [pytest.mark.bench, pytest.mark.postgres, pytest.mark.django_db]

SMALL, LARGE = 1_000, 100_000
TARGET_SECONDS = 10.0
MOBILE = "+62870"
CLINIC_SIZE = 250


def _keys(stage) -> list[str]:
    return [
        str(key)
        for key in LessonPage.objects.descendant_of(stage).values_list("translation_key", flat=True)
    ]


def _grow(lo: int, hi: int, world: dict) -> None:
    """Participants numbered lo..hi-1 with their cohorts and everything they did, in SQL."""
    params = {"lo": lo, "hi": hi, **world}
    sql = """
    INSERT INTO cms_user (password, is_superuser, mobile, name, email, sex, age_band, district,
        migrant_status, preferred_language, time_zone, data_saver, is_staff, is_active,
        date_joined)
    SELECT '!', false, %(mobile)s || lpad(g::text, 8, '0'), 'Peserta ' || g, '',
        CASE WHEN g %% 811 < 254 THEN 'male' ELSE 'female' END,
        (ARRAY['under_25','25_34','35_44','45_54','55_up',''])[1 + g %% 6],
        (ARRAY['flores_timur','lombok_timur','wonosobo','karawang'])[1 + (g / 25) %% 4],
        CASE WHEN g %% 5 < 3 THEN 'returnee' ELSE 'family' END, 'id', 'Asia/Jakarta', 'auto',
        false, true, now()
    FROM generate_series(%(lo)s, %(hi)s - 1) g;

    CREATE TEMP TABLE batch ON COMMIT DROP AS
    SELECT id, substr(mobile, 7)::int AS g FROM cms_user
    WHERE mobile >= %(mobile)s || lpad(%(lo)s::text, 8, '0')
      AND mobile < %(mobile)s || lpad(%(hi)s::text, 8, '0') AND mobile LIKE %(mobile)s || '%%';

    INSERT INTO cms_user_groups (user_id, group_id) SELECT id, %(group)s FROM batch;

    INSERT INTO learning_cohort (name, district, start_date, join_code, created_at)
    SELECT 'Bench ' || c,
        (ARRAY['flores_timur','lombok_timur','wonosobo','karawang'])[1 + c %% 4],
        DATE '2026-01-01' + (c %% 150), 'B' || lpad(c::text, 8, '0'), now()
    FROM generate_series(%(lo)s / 25, (%(hi)s - 1) / 25) c
    WHERE NOT EXISTS (SELECT 1 FROM learning_cohort WHERE join_code = 'B' || lpad(c::text, 8, '0'));

    INSERT INTO learning_enrolment (via, created_at, cohort_id, participant_id)
    SELECT 'facilitator', TIMESTAMPTZ '2026-01-05' + (b.g %% 150) * INTERVAL '1 day', c.id, b.id
    FROM batch b JOIN learning_cohort c ON c.join_code = 'B' || lpad((b.g / 25)::text, 8, '0');

    INSERT INTO learning_workshopsession (stage_key, stage_id, title, starts_at, place, cohort_id)
    SELECT %(orientation_key)s::uuid, %(orientation)s, 'Hari ' || d,
        TIMESTAMPTZ '2026-02-01' + ((c.id %% 150) + d) * INTERVAL '1 day', '', c.id
    FROM learning_cohort c CROSS JOIN (VALUES (1), (2)) days(d)
    WHERE c.join_code LIKE 'B%%'
      AND NOT EXISTS (SELECT 1 FROM learning_workshopsession s WHERE s.cohort_id = c.id);

    INSERT INTO learning_lessoncompletion (lesson_key, completed_at, participant_id)
    SELECT k::uuid, TIMESTAMPTZ '2026-02-10' + (b.g %% 120) * INTERVAL '1 day', b.id
    FROM batch b CROSS JOIN unnest(%(internalisation)s::text[]) k WHERE b.g %% 10 <> 0;
    INSERT INTO learning_lessoncompletion (lesson_key, completed_at, participant_id)
    SELECT k::uuid, TIMESTAMPTZ '2026-03-10' + (b.g %% 120) * INTERVAL '1 day', b.id
    FROM batch b CROSS JOIN unnest(%(orientation_keys)s::text[]) k WHERE b.g %% 10 < 8;

    INSERT INTO learning_attendance (present, marked_at, participant_id, session_id)
    SELECT s.title = 'Hari 1' OR b.g %% 10 < 8, now(), b.id, s.id
    FROM batch b JOIN learning_enrolment e ON e.participant_id = b.id
    JOIN learning_workshopsession s ON s.cohort_id = e.cohort_id;

    INSERT INTO learning_submission (version, text, status, is_late, submitted_at,
        assignment_id, participant_id)
    SELECT 1, '', CASE WHEN b.g %% 6 = 0 THEN 'accepted' ELSE 'submitted' END, false,
        TIMESTAMPTZ '2026-03-01' + (b.g %% 200) * INTERVAL '1 day', %(assignment)s, b.id
    FROM batch b WHERE b.g %% 3 = 0;
    INSERT INTO learning_review (decision, feedback, created_at, submission_id)
    SELECT 'accept', 'Bagus', s.submitted_at + INTERVAL '2 days', s.id
    FROM learning_submission s JOIN batch b ON b.id = s.participant_id WHERE s.status = 'accepted';

    INSERT INTO learning_learnerstate (last_active_at, participant_id)
    SELECT now() - (b.g %% 90) * INTERVAL '1 day', b.id FROM batch b;

    INSERT INTO coaching_booking (status, queue_number, uid, sequence, created_at, confirmed_at,
        cancel_reason, attendance, participant_id, session_id)
    SELECT 'confirmed', b.g, gen_random_uuid(), 0,
        TIMESTAMPTZ '2026-04-01' + (b.g %% 100) * INTERVAL '1 day', now(), '',
        CASE WHEN b.g %% 10 = 0 THEN 'attended' ELSE 'no_show' END, b.id,
        (%(clinics)s::bigint[])[1 + b.g / %(clinic_size)s]
    FROM batch b WHERE b.g %% 5 = 0;

    INSERT INTO cms_disabilityanswers (seeing, hearing, walking, remembering, self_care,
        communicating, consent_given_at, updated_at, user_id)
    SELECT 1, 1, CASE WHEN b.g %% 50 = 1 THEN 3 ELSE 1 END, 1, 1, 1, now(), now(), b.id
    FROM batch b WHERE b.g %% 5 = 1;

    INSERT INTO podcasts_playbackposition (seconds, updated_at, episode_id, user_id)
    SELECT 42, TIMESTAMPTZ '2026-05-01' + (b.g %% 100) * INTERVAL '1 day', %(episode)s, b.id
    FROM batch b WHERE b.g %% 4 = 0;

    DROP TABLE batch;
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        cursor.execute("ANALYZE")


def _world(manager) -> dict:
    pages = build_programme(lessons_per_module=3, reflection=False)
    expert = Expert.objects.create(user=manager, organisation="Bank", sector="private")
    topic = Topic.objects.create(name="Modal", slug="modal")
    start = timezone.now()
    clinics = ClinicSession.objects.bulk_create(
        ClinicSession(
            expert=expert,
            topic=topic,
            starts_at=start + timedelta(hours=2 * n),
            ends_at=start + timedelta(hours=2 * n + 1),
            mode="online",
            capacity=CLINIC_SIZE,
        )
        for n in range(LARGE // CLINIC_SIZE + 1)
    )
    podcast = make_podcast(HomePage.objects.get(pk=pages["home"].pk))
    return {
        "mobile": MOBILE,
        "group": Group.objects.get_or_create(name="participants")[0].pk,
        "orientation": pages["orientation"].pk,
        "orientation_key": str(pages["orientation"].translation_key),
        "internalisation": _keys(pages["internalisation"]),
        "orientation_keys": _keys(pages["orientation"]),
        "assignment": Assignment.objects.create(title="Rencana", instructions="x", due_at=start).pk,
        "clinics": [clinic.pk for clinic in clinics],
        "clinic_size": CLINIC_SIZE,
        "episode": make_episode(podcast).pk,
    }


def _measure(client) -> dict:
    figures = {}
    for name, url in (
        ("report", "/admin/reports/?breakdown=district"),
        ("xlsx", "/admin/reports/report.xlsx"),
    ):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            figures[name] = (time.perf_counter() - started, len(queries.captured_queries))
        assert response.status_code == 200
    return figures


def test_report_and_xlsx_over_100000_participants(client, manager):
    world = _world(manager)
    client.force_login(manager)
    started = time.perf_counter()
    _grow(0, SMALL, world)
    client.get("/admin/reports/")  # warm-up (templates, translations)
    small = _measure(client)
    _grow(SMALL, LARGE, world)
    generated = time.perf_counter() - started
    large = _measure(client)

    report = client.get("/admin/reports/").context["report"]
    assert report.table("sex").row("participants").total.value == LARGE
    print(f"generated {LARGE:,} participants with activity in SQL: {generated:.1f} s")
    print(f"{'':24}{'1,000 people':>22}{'100,000 people':>22}   target")
    for name, label in (("report", "report page"), ("xlsx", "XLSX download")):
        (t1, q1), (t2, q2) = small[name], large[name]
        print(f"{label:24}{t1:>10.2f} s {q1:>4} queries{t2:>10.2f} s {q2:>4} queries"
              f"   < {TARGET_SECONDS:.0f} s, same queries")  # fmt: skip
    total = large["report"][0] + large["xlsx"][0]
    print(f"{'report + XLSX':24}{'':>22}{total:>10.2f} s")
    for name in ("report", "xlsx"):
        assert small[name][1] == large[name][1], name
