"""Issue 17, signing in, joining and the facilitator's screens, at 360×740 in Indonesian: what a
browser alone shows (a cut phone number, a time picker left blank, a table too wide to read)."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from cms.roles import apply_role_permissions
from learning import services
from learning.models import Assignment
from tests.learning.conftest import build_programme
from tests.support.browser import sign_in_by_cookie

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def shot(page, artifacts_dir, name):
    page.screenshot(path=str(artifacts_dir / f"walkthrough-{name}.png"), full_page=True)


def fits_the_phone(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= 362, page.url


@pytest.fixture
def selong(facilitator):
    apply_role_permissions()
    return services.cohort_create(
        name="Kelompok Selong",
        district="lombok_timur",
        start_date=dt.date(2026, 1, 10),
        facilitators=[facilitator],
        join_code="SELONG",
    )


def test_a_number_typed_with_spaces_signs_in_and_details_are_asked_once(
    live_server, phone, artifacts_dir, selong, facilitator
):
    person = services.participant_enrol_by_mobile(
        cohort=selong, by=facilitator, mobile="+6281200000001", name="Wati Impor"
    ).person
    person.set_password("keripik-pisang-99")
    person.save()
    page = phone
    page.goto(f"{live_server.url}/id/accounts/login/")
    # the form our own error message suggests: 17 characters, typed key by key
    page.locator("input[name=username]").press_sequentially("+62 812 0000 0001")
    expect(page.locator("input[name=username]")).to_have_value("+62 812 0000 0001")
    page.fill("input[name=password]", "keripik-pisang-99")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    # signed in, and asked once for what the facilitator did not give
    assert "/id/accounts/profile/" in page.url
    expect(page.locator("input[name=sex]").first).to_be_visible()
    expect(page.locator("select[name=age_band]")).to_be_visible()
    expect(page.locator("select[name=district]")).to_be_visible()
    fits_the_phone(page)
    shot(page, artifacts_dir, "profile-details")
    page.locator("input[name=sex][value=female]").check()
    page.select_option("select[name=district]", "lombok_timur")
    with page.expect_navigation():
        page.click("button[name=save]")
    assert page.url.rstrip("/").endswith("/id")
    person.refresh_from_db()
    assert (person.sex, person.district, person.age_band) == ("female", "lombok_timur", "")


def test_the_assignment_form_in_indonesian_submits_its_default_due_time(
    live_server, phone, artifacts_dir, selong, facilitator
):
    build_programme(lessons_per_module=1)
    sign_in_by_cookie(phone.context, live_server.url, facilitator)
    page = phone
    page.goto(f"{live_server.url}/id/learning/cohorts/{selong.pk}/assignments/new/")
    expect(page.locator("input[name=due_time]")).to_have_value("23:59")
    page.fill("input[name=title]", "Foto usaha")
    page.fill("textarea[name=instructions]", "Kirim foto tempat usaha Anda.")
    page.fill("input[name=due_date]", "2026-12-15")
    fits_the_phone(page)
    shot(page, artifacts_dir, "assignment-form-id")
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()
    assignment = Assignment.objects.get(title="Foto usaha")
    local = timezone.localtime(assignment.due_at, zoneinfo.ZoneInfo("Asia/Makassar"))
    assert (local.date(), local.hour, local.minute) == (dt.date(2026, 12, 15), 23, 59)


def test_the_import_preview_is_a_card_per_row_on_a_phone(
    live_server, phone, artifacts_dir, selong, facilitator, tmp_path
):
    sign_in_by_cookie(phone.context, live_server.url, facilitator)
    csv = tmp_path / "peserta.csv"
    csv.write_text(
        "nama,no hp,jenis kelamin,usia,kabupaten\n"
        "Siti Aminah,0812 3456 7001,P,34,Lombok Timur\n"
        "Rina Wulandari,12345,perempuan,41,Lombok Timur\n"
        ",0812 3456 7003,X,200,Atlantis\n",
        encoding="utf-8",
    )
    page = phone
    page.goto(f"{live_server.url}/id/learning/cohorts/{selong.pk}/import/")
    page.set_input_files("input[name=file]", str(csv))
    with page.expect_navigation():
        page.locator("form.form button[type=submit]").click()
    rows = page.locator("table.preview tbody tr")
    expect(rows).to_have_count(3)
    fits_the_phone(page)
    for index in range(3):
        box = rows.nth(index).bounding_box()
        assert box["width"] > 280, box  # a card across the screen, not a column
    problems = rows.nth(2).locator(".error")
    assert problems.count() >= 3
    for index in range(problems.count()):
        box = problems.nth(index).bounding_box()
        assert box["width"] > 150, box  # readable, not one letter wide
    shot(page, artifacts_dir, "import-preview")


def test_the_progress_matrix_says_it_scrolls(
    live_server, phone, artifacts_dir, selong, facilitator, make_participant
):
    build_programme(lessons_per_module=1, modules_per_stage=5)
    for name in ("Siti Aminah", "Rina Wulandari", "Baiq Nurhayati"):
        services.enrolment_create(cohort=selong, participant=make_participant(name=name))
    services.session_create(
        cohort=selong,
        created_by=facilitator,
        title="Lokakarya Hari 1",
        starts_at=dt.datetime(2026, 12, 1, 9, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar")),
        ends_at=dt.datetime(2026, 12, 1, 16, tzinfo=zoneinfo.ZoneInfo("Asia/Makassar")),
        place="Balai Desa",
    )
    sign_in_by_cookie(phone.context, live_server.url, facilitator)
    page = phone
    page.goto(f"{live_server.url}/id/learning/cohorts/{selong.pk}/")
    wrap = page.locator(".matrix-wrap")
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")  # it does overflow at 360 px
    hint = page.locator(".scroll-hint")
    expect(hint).to_be_visible()
    assert hint.bounding_box()["x"] + hint.bounding_box()["width"] <= 360
    # names stay in view while the numbers scroll
    name = page.locator(".matrix tbody th").first
    before = name.bounding_box()["x"]
    wrap.evaluate("e => { e.scrollLeft = 60; }")
    page.wait_for_timeout(100)
    assert abs(name.bounding_box()["x"] - before) < 1
    # the workshop's time says its zone, as a clinic's does
    expect(page.get_by_text("09:00–16:00 WITA")).to_be_visible()
    fits_the_phone(page)
    shot(page, artifacts_dir, "cohort-dashboard")
    page.locator(".matrix").locator("xpath=ancestor::section").screenshot(
        path=str(artifacts_dir / "walkthrough-cohort-matrix.png")
    )
    wrap.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    expect(hint).to_be_hidden()


def test_who_gave_it_where_it_comes_from_and_when_at_phone_size(
    live_server, browser, artifacts_dir, selong, facilitator, make_participant, make_user
):
    build_programme(lessons_per_module=1)
    member = make_participant(name="Siti Aminah")
    services.enrolment_create(cohort=selong, participant=member)
    due = timezone.now() + dt.timedelta(days=5)
    for name, mobile in (("Dewi Modal", "081311119001"), ("Bayu Pemasaran", "081311119002")):
        expert = make_user("experts", mobile, name=name, is_staff=True)
        services.assignment_create(
            created_by=expert,
            title="Rencana usaha",
            instructions="Tulis.",
            due_at=due,
            participants=[member],
        )
    task = services.assignment_create(
        created_by=facilitator, title="Foto usaha", instructions="Kirim.", due_at=due, cohort=selong
    )
    services.submission_create(assignment=task, participant=member, text="Ini warung saya.")
    makassar = zoneinfo.ZoneInfo("Asia/Makassar")
    workshop = services.session_create(
        cohort=selong,
        created_by=facilitator,
        title="Lokakarya Hari 1",
        starts_at=dt.datetime(2026, 12, 1, 9, tzinfo=makassar),
        ends_at=dt.datetime(2026, 12, 1, 16, tzinfo=makassar),
        place="Balai Desa",
    )
    base = live_server.url
    for person, screens in (
        (
            facilitator,
            {
                "review-queue": "/id/learning/reviews/",
                "register": f"/id/learning/sessions/{workshop.pk}/",
            },
        ),
        (member, {"tasks": "/id/learning/assignments/"}),
    ):
        context = browser.new_context(
            viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True
        )
        sign_in_by_cookie(context, base, person)
        page = context.new_page()
        try:
            for name, path in screens.items():
                page.goto(base + path)
                fits_the_phone(page)
                shot(page, artifacts_dir, name)
                if name == "review-queue":
                    expect(page.locator(".review-item .cohort")).to_have_text("Kelompok Selong")
                if name == "register":
                    expect(page.get_by_text("09:00–16:00 WITA")).to_be_visible()
                if name == "tasks":
                    froms = page.locator(".task .from").all_inner_texts()
                    assert any("Dewi Modal" in t for t in froms), froms
                    assert any("Bayu Pemasaran" in t for t in froms), froms
        finally:
            context.close()
