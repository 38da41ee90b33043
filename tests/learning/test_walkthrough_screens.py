"""Issue 17, the facilitators' and participants' screens: time inputs in the one format the
browser reads, the cohort on the review queue, who gave an assignment, workshop times with
their zone."""

import datetime as dt
import re
import zoneinfo

import pytest
from django.utils import timezone, translation

from learning import services
from learning.forms import AssignmentForm, SessionForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["id", "en"])
def test_time_and_date_inputs_are_written_as_the_browser_reads_them(language):
    with translation.override(language):
        html = str(AssignmentForm()["due_time"])
        session = SessionForm(initial={"date": dt.date(2026, 12, 1), "start": dt.time(9, 0)})
        date_html, start_html = str(session["date"]), str(session["start"])
    assert 'value="23:59"' in html, html
    assert len(re.findall(r"\stype=", html)) == 1
    assert 'value="2026-12-01"' in date_html, date_html
    assert 'value="09:00"' in start_html, start_html


def test_the_review_queue_says_which_cohort(client, cohort, member, facilitator, make_assignment):
    assignment = make_assignment(cohort, title="Foto usaha")
    services.submission_create(assignment=assignment, participant=member, text="Ini")
    client.force_login(facilitator)
    html = client.get("/en/learning/reviews/").content.decode()
    item = html[html.index('class="card review-item"') :]
    item = item[: item.index("</a>")]
    assert "Foto usaha" in item and "Kelompok Selong" in item


def test_two_same_titled_assignments_say_who_gave_them(
    client, cohort, member, facilitator, make_user
):
    expert_a = make_user("experts", "081311119001", name="Dewi Modal", is_staff=True)
    expert_b = make_user("experts", "081311119002", name="Bayu Pemasaran", is_staff=True)
    due = timezone.now() + dt.timedelta(days=5)
    for expert in (expert_a, expert_b):
        services.assignment_create(
            created_by=expert,
            title="Rencana usaha",
            instructions="Tulis.",
            due_at=due,
            participants=[member],
        )
    client.force_login(member)
    html = client.get("/en/learning/assignments/").content.decode()
    cards = re.findall(r'<a class="card task".*?</a>', html, flags=re.S)
    texts = sorted(re.sub(r"<[^>]+>|\s+", " ", c) for c in cards if "Rencana usaha" in c)
    assert len(texts) == 2
    assert "From Dewi Modal" in texts[1] and "From Bayu Pemasaran" in texts[0]


def test_workshop_times_carry_the_zone_label(client, cohort, member, facilitator):
    makassar = zoneinfo.ZoneInfo("Asia/Makassar")
    session = services.session_create(
        cohort=cohort,
        created_by=facilitator,
        title="Lokakarya Hari 1",
        starts_at=dt.datetime(2026, 12, 1, 9, tzinfo=makassar),
        ends_at=dt.datetime(2026, 12, 1, 16, tzinfo=makassar),
        place="Balai Desa",
    )
    facilitator.time_zone = "Asia/Makassar"
    facilitator.save()
    client.force_login(facilitator)
    for url in (f"/en/learning/cohorts/{cohort.pk}/", f"/en/learning/sessions/{session.pk}/"):
        assert "09:00–16:00 WITA" in client.get(url).content.decode(), url
    # in Jakarta the same session reads an hour earlier, WIB
    facilitator.time_zone = "Asia/Jakarta"
    facilitator.save()
    assert "08:00–15:00 WIB" in client.get(f"/en/learning/cohorts/{cohort.pk}/").content.decode()
