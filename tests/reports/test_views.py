"""Who may see reports and the participant list, what the downloads hold, and the log."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

MARCH = "start=2026-03-01&end=2026-03-31"


def _grant(user, codename):
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="reports", codename=codename)
    )
    # Permissions are cached on the instance.
    from cms.models import User

    return User.objects.get(pk=user.pk)


def _screen_rows(html: str) -> dict[str, list[str]]:
    """{row key: [cell texts]} of the first table (by sex) of the report page."""
    import re

    table = html.split('class="listing report-table"')[1]
    rows = {}
    for key, body in re.findall(r'<tr data-key="([^"]+)">(.*?)</tr>', table, re.S):
        rows[key] = [re.sub(r"<[^>]+>", "", cell).strip().replace("&lt;", "<")
                     for cell in re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)]  # fmt: skip
    return rows


def test_participants_and_experts_see_no_report(client, world, participant, expert):
    for person in (participant, expert):
        client.force_login(person)
        for url in ("/admin/reports/", "/admin/reports/report.xlsx", "/admin/reports/report.csv"):
            response = client.get(url)
            assert response.status_code in (302, 403), url
            assert b"learning.enrolled" not in response.content


def test_facilitators_count_only_their_cohorts(client, world):
    client.force_login(world["facilitators"]["A"])
    response = client.get(f"/admin/reports/?{MARCH}")
    assert response.status_code == 200
    rows = _screen_rows(response.content.decode())
    # Cohort A: ani and budi; small numbers are hidden on a facilitator's screen too.
    assert rows["participants"] == ["<5", "<5", "<5"]
    offered = response.context["form"].fields["cohort"].queryset
    assert list(offered.values_list("name", flat=True)) == ["A"]
    report = response.context["report"]
    assert report.table("sex").row("participants").total.value == 2
    assert report.table("sex").row("learning.enrolled").total.value == 1  # ani
    # Asking for the other cohort is refused as a bad choice, not answered.
    other = world["cohorts"]["B"].pk
    response = client.get(f"/admin/reports/?cohort={other}")
    assert response.context["report"] is None
    assert response.context["form"].errors["cohort"]


def test_manager_without_permission_sees_small_numbers_hidden_with_it_exact(client, world, manager):
    client.force_login(manager)
    rows = _screen_rows(client.get(f"/admin/reports/?{MARCH}").content.decode())
    assert rows["learning.enrolled"] == ["<5", "<5", "<5"]
    manager = _grant(manager, "view_exact_numbers")
    client.force_login(manager)
    rows = _screen_rows(client.get(f"/admin/reports/?{MARCH}").content.decode())
    assert rows["learning.enrolled"] == ["2", "1", "3"]


def test_xlsx_holds_the_numbers_of_the_screen_and_says_what_they_are(client, world, manager):
    client.force_login(manager)
    screen = _screen_rows(
        client.get(f"/admin/reports/?{MARCH}&district=lombok_timur").content.decode()
    )
    response = client.get(f"/admin/reports/report.xlsx?{MARCH}&district=lombok_timur")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    book = load_workbook(io.BytesIO(response.content))
    about, by_sex = book.worksheets[0], book.worksheets[1]
    assert len(book.worksheets) == 7  # about + six dimensions
    labels = {
        row[0]: [str(v) for v in row[1:]] for row in by_sex.iter_rows(min_row=2, values_only=True)
    }
    report_rows = (
        client.get(f"/admin/reports/?{MARCH}&district=lombok_timur")
        .context["report"]
        .table("sex")
        .rows
    )
    for row in report_rows:
        assert labels[row.label] == screen[row.key], row.key
    text = "\n".join(
        " ".join(str(v) for v in row if v) for row in about.iter_rows(values_only=True)
    )
    assert "2026-03-01" in text and "2026-03-31" in text and "lombok_timur" in text
    assert "<5" in text  # the suppression rule
    for row in report_rows:
        assert row.definition in text
    # No names or numbers of people anywhere in the file.
    everything = text + repr([list(s.iter_rows(values_only=True)) for s in book.worksheets])
    for person in world["people"].values():
        assert person.name not in everything and person.mobile not in everything
        assert person.mobile[3:] not in everything


def test_csv_is_long_form_and_suppressed(client, world, manager):
    manager = _grant(manager, "view_exact_numbers")  # exact on screen, never in files
    client.force_login(manager)
    response = client.get(f"/admin/reports/report.csv?{MARCH}")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert set(rows[0]) == {
        "indicator",
        "indicator_label",
        "dimension",
        "value",
        "value_label",
        "count",
    }
    counts = {(r["indicator"], r["dimension"], r["value"]): r["count"] for r in rows}
    # A total of 1-4 hides its whole row, zeros too.
    assert counts[("learning.enrolled", "total", "")] == "<5"
    assert counts[("learning.enrolled", "district", "wonosobo")] == "<5"
    # Five people of five different age bands (one each, all "<5") would give each other away
    # with the total, so the total of 5 is hidden in every table.
    assert counts[("participants", "total", "")] == "x"
    assert counts[("participants", "district", "wonosobo")] == "0"
    assert counts[("participants", "district", "karawang")] == "<5"
    assert {r["dimension"] for r in rows} == {
        "total",
        "sex",
        "age_band",
        "district",
        "migrant_status",
        "disability",
        "cohort",
    }
    assert all(
        r["count"] in ("<5", "x") or int(r["count"]) == 0 or int(r["count"]) >= 5 for r in rows
    )


def test_bad_filters_get_a_message_not_an_error(client, world, manager):
    client.force_login(manager)
    response = client.get("/admin/reports/?start=2026-05-01&end=2026-01-01")
    assert response.status_code == 200 and response.context["report"] is None
    assert "ends before" in response.content.decode() or response.context["form"].errors
    response = client.get("/admin/reports/?start=1850-01-01&district=atlantis&breakdown=zodiac")
    assert response.status_code == 200 and set(response.context["form"].errors) == {
        "start", "district", "breakdown"}  # fmt: skip
    assert client.get("/admin/reports/report.xlsx?start=nonsense").status_code == 400


def test_people_list_for_managers_only(client, world, manager):
    url = "/admin/reports/people/"
    client.force_login(world["facilitators"]["A"])
    assert client.get(url).status_code in (302, 403)
    client.force_login(manager)
    response = client.get(url + "?district=karawang")
    assert response.status_code == 200
    names = [p.name for p in response.context["page"]]
    assert names == ["Citra", "Dedi"]
    assert "/admin/reports/people.csv" not in response.content.decode()


def test_people_export_needs_its_permission_and_is_logged(client, world, manager):
    from reports.models import PeopleExport

    client.force_login(manager)
    response = client.get("/admin/reports/people.csv?district=karawang")
    assert response.status_code in (302, 403)
    assert not PeopleExport.objects.exists()

    manager = _grant(manager, "export_people")
    client.force_login(manager)
    response = client.get("/admin/reports/people.csv?district=karawang&sex=female")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["name"] for r in rows] == ["Citra"]
    assert "disab" not in response.content.decode().lower()
    log = PeopleExport.objects.get()
    assert log.made_by == manager and log.row_count == 1
    assert log.filters == {"district": "karawang", "sex": "female"}
    assert abs(log.made_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    # The log shows on the list page.
    assert "district=karawang" in client.get("/admin/reports/people/").content.decode()


def test_menu_shows_reports_to_managers_and_facilitators(client, world, manager, expert):
    client.force_login(manager)
    home = client.get("/admin/").content.decode()
    assert "/admin/reports/" in home and "/admin/reports/people/" in home
    client.force_login(world["facilitators"]["A"])
    home = client.get("/admin/").content.decode()
    assert "/admin/reports/" in home and "/admin/reports/people/" not in home
    client.force_login(expert)
    assert "/admin/reports/" not in client.get("/admin/").content.decode()
