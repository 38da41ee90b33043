"""In Chromium: a manager opens the report, filters by district and downloads the XLSX; a
participant answers the everyday-activities questions on a phone."""

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from cms.models.districts import seed_districts
from cms.roles import apply_role_permissions
from tests.reports.conftest import world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.postgres]


def _context(browser, live_server, user, **options):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="id-ID", accept_downloads=True, **options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_manager_filters_by_district_and_downloads_the_xlsx(
    browser,
    live_server,
    world,  # noqa: F811  (the fixture imported above)
    manager,
    artifacts_dir,
):
    seed_districts()
    apply_role_permissions()
    context = _context(browser, live_server, manager, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/admin/")
        page.click("a[href='/admin/reports/']")
        assert page.locator("h1").first.inner_text().strip() == "Laporan program"
        page.wait_for_selector("table.report-table")
        everyone = page.locator("tr[data-key=participants] td.total").first.inner_text()
        page.fill("input[name=start]", "2026-03-01")
        page.fill("input[name=end]", "2026-03-31")
        page.select_option("select[name=district]", "karawang")
        page.select_option("select[name=breakdown]", "age_band")
        page.click("form.report-filters button[type=submit]")
        page.wait_for_url("**district=karawang**")
        assert page.locator("select[name=district]").input_value() == "karawang"
        karawang = page.locator("tr[data-key=participants] td.total").first.inner_text()
        assert (everyone, karawang) == ("x", "<5")  # five people in all, two in Karawang
        assert page.locator("svg.report-chart rect").count() > 0
        by_sex = page.locator("table.report-table").first
        screen = {
            key: by_sex.locator(f"tr[data-key='{key}'] td").all_inner_texts()
            for key in ("participants", "learning.enrolled", "learning.workshop_all_days")
        }
        page.screenshot(path=str(artifacts_dir / "reports-manager-karawang.png"), full_page=True)
        page.locator("svg.report-chart").screenshot(path=str(artifacts_dir / "reports-chart.png"))
        with page.expect_download() as info:
            page.click("#download-xlsx")
        download = info.value
        assert download.suggested_filename.endswith(".xlsx")
        book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))  # noqa: SIM115
        about = "\n".join(str(row) for row in book.worksheets[0].iter_rows(values_only=True))
        assert "karawang" in about and "2026-03-31" in about
        sheet = list(book.worksheets[1].iter_rows(values_only=True))
        labels = [row[0] for row in sheet[1:]]
        assert len(labels) == by_sex.locator("tbody tr").count()
        for key, cells in screen.items():
            label = page.locator(f"tr[data-key='{key}'] th").first.inner_text()
            row = next(r for r in sheet if r[0] == label)
            assert [str(v) for v in row[1:]] == cells, key
    finally:
        context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_participant_answers_the_questions_on_a_phone(
    browser, live_server, participant, artifacts_dir
):
    from cms.models import DisabilityAnswers

    context = _context(
        browser, live_server, participant, viewport={"width": 360, "height": 740},
        device_scale_factor=2, is_mobile=True, has_touch=True,
    )  # fmt: skip
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(f"{live_server.url}/id/accounts/settings/")
        page.click("a[href='/id/profile/everyday-activities/']")
        page.check("input[name=walking][value='3']")
        page.check("input[name=seeing][value='1']")
        page.screenshot(path=str(artifacts_dir / "reports-disability-phone.png"), full_page=True)
        page.check("input[name=consent]")
        page.click("form.form button[type=submit]")
        page.wait_for_selector("input[name=action][value=remove]", state="attached")
        assert page.evaluate("document.documentElement.scrollWidth") <= 362
        answers = DisabilityAnswers.objects.get(user=participant)
        assert (answers.walking, answers.seeing, answers.has_disability) == (3, 1, True)
    finally:
        context.close()
