"""``generate_field_data``: a programme of the field's size; the report shows its totals."""

import io

import pytest
from django.core.management import CommandError, call_command

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def test_the_report_over_the_field_data_shows_the_seeds_totals(client, manager):
    from openpyxl import load_workbook

    out = io.StringIO()
    call_command("generate_field_data", stdout=out)
    assert "811 participants (254 men, 557 women), 809 trained" in out.getvalue()

    client.force_login(manager)
    report = client.get("/admin/reports/").context["report"]
    by_sex = report.table("sex")
    assert [c for c, _ in by_sex.columns] == ["female", "male"]

    def shown(key):
        row = by_sex.row(key)
        return [cell.display() for cell in row.cells] + [row.total.display()]

    assert shown("participants") == [557, 254, 811]
    assert shown("learning.enrolled") == [557, 254, 811]
    assert shown("learning.completed_orientation")[2] == 809
    assert shown("learning.workshop_all_days")[2] == 809
    districts = report.table("district")
    enrolled = districts.row("learning.enrolled")
    four = {"flores_timur", "lombok_timur", "wonosobo", "karawang"}
    per_district = {
        value: cell.value
        for (value, _label), cell in zip(districts.columns, enrolled.cells, strict=True)
    }
    assert sum(per_district[code] for code in four) == 811
    assert all(per_district[code] > 150 for code in four)
    for key in ("coaching.booked", "coaching.attended", "learning.accepted"):
        assert by_sex.row(key).total.value > 20, key

    book = load_workbook(io.BytesIO(client.get("/admin/reports/report.xlsx").content))
    sheet = {row[0]: row[1:] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert list(sheet[str(by_sex.row("learning.enrolled").label)]) == [557, 254, 811]

    with pytest.raises(CommandError):
        call_command("generate_field_data", stdout=io.StringIO())


def test_other_sizes_keep_the_proportions():
    from reports.fielddata import proportions

    assert proportions(811) == (254, 557, 809)
    assert proportions(809) == (253, 556, 807)
    men, women, trained = proportions(100_000)
    assert (men, women) == (31319, 68681) and trained == 99753
