"""Data for bench_pages_wrk: a programme of 45 lessons, a cohort, a signed-in participant with
some lessons done, tasks and clinics. Run in a subprocess with the production settings
(``python -m tests.bench.pages_seed``) so the session is stored where gunicorn reads it.
Prints one JSON line: the session cookie and the URLs to measure.
"""

import datetime as dt
import json


def seed() -> dict:
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.utils import timezone

    from cms.models import User
    from coaching import services as coaching
    from coaching.models import Expert, Topic
    from learning import services
    from tests.support.fixtures.learning import build_programme

    pages = build_programme(lessons_per_module=5, modules_per_stage=3)

    def person(role: str, mobile: str, name: str) -> User:
        user = User.objects.create_user(
            mobile, "bench-Strong-pass-1", name=name, district="karawang", sex="female"
        )
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    participant = person("participants", "+6281299990001", "Peserta Bench")
    facilitator = person("facilitators", "+6281299990002", "Fasilitator Bench")
    expert_user = person("experts", "+6281299990003", "Ahli Bench")
    cohort = services.cohort_create(
        name="Bench",
        district="karawang",
        start_date=dt.date(2026, 1, 1),
        facilitators=[facilitator],
        join_code="BENCH1",
    )
    services.enrolment_create(cohort=cohort, participant=participant)
    lessons = pages["lessons"]["internalisation"]
    for lesson in lessons[:6]:
        services.lesson_mark_done(participant=participant, lesson=lesson)
    now = timezone.now()
    for n in range(6):
        services.assignment_create(
            created_by=facilitator,
            title=f"Tugas {n}",
            instructions="Kirim foto usaha.",
            due_at=now + dt.timedelta(days=n - 2),
            cohort=cohort,
        )
    topic = Topic.objects.get_or_create(slug="akses-modal", defaults={"name": "Akses modal"})[0]
    expert = Expert.objects.create(user=expert_user, organisation="Bank", sector="private")
    expert.topics.add(topic)
    start = now.replace(microsecond=0, second=0)
    for n in range(6):
        coaching.session_create(
            by=expert_user,
            expert=expert,
            data=coaching.SessionData(
                topic=topic,
                mode="online",
                meeting_link="https://meet.example.org/klinik",
                capacity=5,
                audience="all",
                notice_hours=12,
            ),
            starts_at=start + dt.timedelta(days=n + 2),
            ends_at=start + dt.timedelta(days=n + 2, hours=1),
        )
    client = Client()
    client.force_login(participant)
    return {
        "cookie": f"sessionid={client.cookies['sessionid'].value}",
        "urls": {
            "lesson": lessons[7].url,
            "home": "/id/",
            "clinic list": "/id/coaching/",
            "assignment list": "/id/learning/assignments/",
        },
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(seed()))
