"""Joining with a code (at sign-up and later), enrolment by a facilitator, CSV/XLSX import."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cms.models import User
from learning import importing, services
from learning.models import Enrolment

pytestmark = pytest.mark.django_db

HEADER = ["Nama", "No HP", "Jenis kelamin", "Usia", "Kabupaten", "Purna PMI atau keluarga"]
GOOD_ROWS = [
    ["Siti Rahma", "0812 3456 7001", "Perempuan", "25–34", "Lombok Timur", "Purna PMI"],
    ["Made Arta", "+6281234567002", "L", "41", "lombok_timur", "keluarga"],
    ["Nur Aini", "6281234567003", "female", "Under 25", "Lombok Timur", "returnee"],
]


def csv_file(rows, name="peserta.csv", encoding="utf-8-sig", delimiter=","):
    text = "\n".join(delimiter.join(f'"{c}"' for c in row) for row in rows)
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def xlsx_file(rows, name="peserta.xlsx"):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


class TestJoinCode:
    def test_join_later_with_a_code(self, client, cohort, participant):
        client.force_login(participant)
        response = client.post("/id/learning/join/", {"code": " selong "})
        assert response.status_code == 302
        assert Enrolment.objects.filter(cohort=cohort, participant=participant).exists()
        client.post("/id/learning/join/", {"code": "SELONG"})
        assert Enrolment.objects.filter(participant=participant).count() == 1

    def test_a_wrong_code_says_so(self, client, cohort, participant):
        client.force_login(participant)
        response = client.post("/en/learning/join/", {"code": "NOPE42"})
        assert response.status_code == 200
        assert "There is no cohort with this code" in response.content.decode()
        assert not Enrolment.objects.exists()

    def test_join_at_sign_up(self, client, cohort, programme):
        form = {
            "name": "Wati Baru",
            "mobile": "0812 7777 0001",
            "password1": "Sungai-Biru-2026",
            "password2": "Sungai-Biru-2026",
            "sex": "female",
            "age_band": "25_34",
            "district": "lombok_timur",
            "migrant_status": "returnee",
            "preferred_language": "id",
            "join_code": "selong",
        }
        assert 'name="join_code"' in client.get("/id/accounts/signup/").content.decode()
        response = client.post("/id/accounts/signup/", form)
        assert response.status_code == 302, response.content.decode()[:2000]
        user = User.objects.get(mobile="+6281277770001")
        assert list(
            Enrolment.objects.filter(participant=user).values_list("cohort", flat=True)
        ) == [cohort.pk]

    def test_sign_up_with_a_wrong_code_keeps_the_form(self, client, cohort, programme):
        response = client.post(
            "/en/accounts/signup/",
            {
                "name": "Wati Baru",
                "mobile": "0812 7777 0002",
                "password1": "Sungai-Biru-2026",
                "password2": "Sungai-Biru-2026",
                "sex": "female",
                "age_band": "25_34",
                "district": "lombok_timur",
                "migrant_status": "returnee",
                "preferred_language": "en",
                "join_code": "WRONG1",
            },
        )
        assert response.status_code == 200
        assert "There is no cohort with this code" in response.content.decode()
        assert not User.objects.filter(mobile="+6281277770002").exists()

    def test_sign_up_without_a_code(self, client, programme):
        response = client.post(
            "/id/accounts/signup/",
            {
                "name": "Tanpa Kode",
                "mobile": "0812 7777 0003",
                "password1": "Sungai-Biru-2026",
                "password2": "Sungai-Biru-2026",
                "sex": "male",
                "age_band": "25_34",
                "district": "karawang",
                "migrant_status": "family",
                "preferred_language": "id",
            },
        )
        assert response.status_code == 302
        assert not Enrolment.objects.exists()


class TestFacilitatorEnrols:
    def test_existing_and_new_people(self, client, cohort, facilitator, participant):
        client.force_login(facilitator)
        url = f"/en/learning/cohorts/{cohort.pk}/enrol/"
        response = client.post(url, {"mobile": participant.mobile}, follow=True)
        # an existing account is only invited: it joins when the person accepts
        assert "they are invited and join when they accept" in response.content.decode()
        assert not Enrolment.objects.filter(cohort=cohort, participant=participant).exists()
        assert cohort.invitations.get().person == participant
        response = client.post(url, {"mobile": "0812 9999 0000"})
        assert "The name is missing" in response.content.decode()
        client.post(url, {"mobile": "0812 9999 0000", "name": "Baru", "sex": "female"})
        new = User.objects.get(mobile="+6281299990000")
        assert new.is_participant and not new.has_usable_password()
        # a new account is invited too (with a link to choose its password), not enrolled
        assert not Enrolment.objects.filter(participant=new).exists()
        invitation = cohort.invitations.get(person=new)
        assert invitation.via == "facilitator" and invitation.token_hash

    def test_staff_numbers_are_refused(self, client, cohort, facilitator, expert):
        client.force_login(facilitator)
        response = client.post(
            f"/en/learning/cohorts/{cohort.pk}/enrol/", {"mobile": expert.mobile}
        )
        assert "staff account" in response.content.decode()
        assert not Enrolment.objects.exists()


class TestImport:
    def test_good_csv_preview_then_save(self, client, cohort, facilitator, participant):
        services.enrolment_create(cohort=cohort, participant=participant)
        rows = [*GOOD_ROWS, ["Ani", participant.mobile, "P", "", "", ""]]
        client.force_login(facilitator)
        url = f"/en/learning/cohorts/{cohort.pk}/import/"
        response = client.post(url, {"file": csv_file([HEADER, *rows])})
        preview = response.context["preview"]
        assert preview.is_valid
        assert [r.status for r in preview.rows] == ["new", "new", "new", "enrolled"]
        assert "Already enrolled: skipped" in response.content.decode()
        assert User.objects.count() == 2  # nothing saved by the preview
        response = client.post(url, {"confirm": "1"}, follow=True)
        assert "3 invited (3 new accounts)" in response.content.decode()
        assert "1 already in the cohort or invited" in response.content.decode()
        made = User.objects.get(mobile="+6281234567002")
        assert (made.name, made.sex, made.age_band, made.district, made.migrant_status) == (
            "Made Arta",
            "male",
            "35_44",
            "lombok_timur",
            "family",
        )
        assert cohort.enrolments.count() == 1
        assert set(cohort.invitations.values_list("via", flat=True)) == {"import"}
        assert cohort.invitations.count() == 3

    def test_good_xlsx(self, cohort, facilitator):
        preview = importing.import_preview(upload=xlsx_file([HEADER, *GOOD_ROWS]), cohort=cohort)
        assert preview.is_valid and len(preview.to_add) == 3

    def test_semicolon_csv_in_windows_encoding(self, cohort):
        rows = [HEADER, ["Siti Ümmü", "081234567001", "P", "", "", ""]]
        upload = csv_file(rows, encoding="cp1252", delimiter=";")
        preview = importing.import_preview(upload=upload, cohort=cohort)
        assert preview.is_valid and preview.rows[0].name == "Siti Ümmü"

    def test_bad_rows_are_all_listed_and_nothing_saved(self, client, cohort, facilitator):
        rows = [
            HEADER,
            GOOD_ROWS[0],
            ["", "0812", "Perempuan", "", "", ""],
            ["Budi", "0812 3456 7001", "X", "200 tahun", "Jakarta", "tetangga"],
        ]
        client.force_login(facilitator)
        url = f"/en/learning/cohorts/{cohort.pk}/import/"
        response = client.post(url, {"file": xlsx_file(rows)})
        preview = response.context["preview"]
        assert not preview.is_valid
        problems = {row.line: row.problems for row in preview.rows}
        assert problems[2] == []
        assert any("name is missing" in p for p in problems[3])
        assert len(problems[3]) == 2  # name and mobile
        assert len(problems[4]) == 5  # duplicate, sex, age, district, status
        assert 'name="confirm"' not in response.content.decode()
        # Even a forged confirm saves nothing.
        client.post(url, {"confirm": "1"})
        assert User.objects.count() == 1 and not Enrolment.objects.exists()

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("peserta.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),
            SimpleUploadedFile("peserta.csv", b"%PDF-1.4\n\x00\x01\x02binary"),
            SimpleUploadedFile("peserta.xlsx", b"PK\x03\x04 not really a zip"),
        ],
        ids=["png-named-xlsx", "pdf-named-csv", "broken-zip"],
    )
    def test_wrong_kind_of_file(self, client, cohort, facilitator, upload):
        client.force_login(facilitator)
        response = client.post(f"/en/learning/cohorts/{cohort.pk}/import/", {"file": upload})
        assert response.status_code == 200
        assert "not a CSV or Excel" in response.content.decode()
        assert not Enrolment.objects.exists()

    def test_a_table_without_the_right_columns(self, cohort):
        upload = csv_file([["Product", "Price"], ["Kopi", "5000"]])
        preview = importing.import_preview(upload=upload, cohort=cohort)
        assert not preview.is_valid
        assert "these are missing: name, mobile" in preview.file_problems[0]
