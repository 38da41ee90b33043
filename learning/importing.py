"""Reading a cohort list from a CSV or XLSX file into rows with their problems.

The kind of file is judged by its bytes: an XLSX is a zip with a workbook inside; a CSV is text
(UTF-8, with or without a byte-order mark, or Windows-1252 as older Excel writes it). Nothing
is saved here: :func:`learning.services.cohort_import` saves a preview that has no problems.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from cms.models import AgeBand, MigrantStatus, Sex, User, district_choices
from cms.models.users import STAFF_ROLES
from cms.phone import normalise_mobile

from .models import Enrolment

MAX_ROWS = 1000
MAX_IMPORT_BYTES = 2 * 1024 * 1024

COLUMNS = {
    "name": ("name", "nama", "nama lengkap", "full name"),
    "mobile": (
        "mobile", "mobile number", "phone", "phone number", "no hp", "nomor hp", "no. hp",
        "nomor telepon", "no telepon", "hp", "whatsapp",
    ),
    "sex": ("sex", "gender", "jenis kelamin", "jk"),
    "age_band": ("age band", "age", "usia", "umur", "kelompok usia"),
    "district": ("district", "kabupaten", "kab", "kabupaten/kota"),
    "migrant_status": (
        "returning migrant or family member", "returning migrant or family", "status",
        "migrant status", "purna pmi atau keluarga", "status migran",
    ),
}  # fmt: skip

SEX_VALUES = {
    Sex.FEMALE: ("female", "f", "p", "perempuan", "wanita", "woman", "w"),
    Sex.MALE: ("male", "m", "l", "laki-laki", "laki laki", "lk", "pria", "man"),
}
STATUS_VALUES = {
    MigrantStatus.RETURNEE: (
        "returnee", "returning migrant", "returning migrant worker", "purna", "purna pmi",
        "purna pekerja migran", "migran", "pmi",
    ),
    MigrantStatus.FAMILY: (
        "family", "family member", "keluarga", "anggota keluarga", "keluarga pmi",
        "keluarga pekerja migran",
    ),
}  # fmt: skip


def _key(text) -> str:
    return re.sub(r"\s+", " ", str(text or "").strip().lower().replace("_", " "))


def _choice(value, choices_by_code: dict, label_choices) -> str | None:
    key = _key(value)
    for code, aliases in choices_by_code.items():
        if key == code or key in aliases:
            return code
    for code, label in label_choices:
        if key in (_key(code), _key(label)):
            return code
    return None


def _age_band(value) -> str | None:
    key = _key(value).replace("–", "-").replace(" ", "")
    for code, label in AgeBand.choices:
        if key in (_key(code).replace(" ", ""), _key(label).replace("–", "-").replace(" ", "")):
            return code
    aliases = {"<25": AgeBand.UNDER_25, "dibawah25": AgeBand.UNDER_25, "55+": AgeBand.AGE_55_UP}
    if key in aliases:
        return aliases[key]
    if key.isascii() and key.isdigit():  # "²".isdigit() is true, but int("²") fails
        age = int(key)
        if age < 25:
            return AgeBand.UNDER_25
        for upper, band in ((34, "25_34"), (44, "35_44"), (54, "45_54")):
            if age <= upper:
                return band
        return AgeBand.AGE_55_UP
    return None


@dataclass
class ImportRow:
    line: int
    name: str = ""
    mobile: str = ""
    sex: str = ""
    age_band: str = ""
    district: str = ""
    migrant_status: str = ""
    raw_mobile: str = ""
    problems: list[str] = field(default_factory=list)
    status: str = "new"  # new | existing (account exists, will be invited) | enrolled (skip)

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    file_problems: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.file_problems and bool(self.rows) and not self.rows_with_problems

    @property
    def rows_with_problems(self) -> list[ImportRow]:
        return [row for row in self.rows if row.problems]

    @property
    def to_add(self) -> list[ImportRow]:
        return [row for row in self.rows if row.status != "enrolled" and not row.problems]

    @property
    def skipped(self) -> list[ImportRow]:
        return [row for row in self.rows if row.status == "enrolled"]


def _read_table(data: bytes) -> list[list[str]]:
    """The file's cells as text, or ValidationError when it is not a CSV or XLSX file."""
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if b"\x00" in data[:4096]:
        raise ValidationError(_("This is not a CSV or Excel (.xlsx) file."), code="kind")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ValidationError(_("This is not a CSV or Excel (.xlsx) file."), code="kind")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [
            row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)
        ]
    except csv.Error as error:
        raise ValidationError(
            _("The CSV file could not be read: %(error)s") % {"error": error}, code="csv"
        ) from None


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        if "xl/workbook.xml" not in names:
            raise zipfile.BadZipFile
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors on broken files
        raise ValidationError(_("This is not a CSV or Excel (.xlsx) file."), code="kind") from None
    sheet = workbook.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2):
        cells = ["" if v is None else _cell_text(v) for v in values]
        if any(c.strip() for c in cells):
            rows.append(cells)
    workbook.close()
    return rows


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def import_preview(*, upload, cohort) -> ImportPreview:
    """Parse the file and check every row: nothing is saved."""
    if upload.size > MAX_IMPORT_BYTES:
        return ImportPreview(rows=[], file_problems=[_("The file is too big (2 MB at most).")])
    try:
        table = _read_table(upload.read())
    except ValidationError as error:
        return ImportPreview(rows=[], file_problems=list(error.messages))
    if not table:
        return ImportPreview(rows=[], file_problems=[_("The file is empty.")])
    header = [_key(cell) for cell in table[0]]
    positions = {}
    for name, aliases in COLUMNS.items():
        for index, cell in enumerate(header):
            if cell in aliases or cell == name.replace("_", " "):
                positions[name] = index
                break
    missing = [name for name in ("name", "mobile") if name not in positions]
    if missing:
        return ImportPreview(
            rows=[],
            file_problems=[
                _(
                    "The first row must name the columns; these are missing: %(columns)s. "
                    "Is this the right file?"
                )
                % {"columns": ", ".join(missing)}
            ],
        )
    body = table[1:]
    if len(body) > MAX_ROWS:
        return ImportPreview(
            rows=[], file_problems=[_("Too many rows (%(max)s at most).") % {"max": MAX_ROWS}]
        )
    districts = district_choices()
    rows = [
        _check_row(line, cells, positions, districts) for line, cells in enumerate(body, start=2)
    ]
    _mark_duplicates_and_existing(rows, cohort)
    return ImportPreview(rows=rows)


def _cell(cells: list[str], positions: dict, name: str) -> str:
    index = positions.get(name)
    if index is None or index >= len(cells):
        return ""
    return str(cells[index]).strip()


def _check_row(line: int, cells: list[str], positions: dict, districts: list) -> ImportRow:
    row = ImportRow(line=line)
    row.name = _cell(cells, positions, "name")[:150]
    if not row.name:
        row.problems.append(_("The name is missing."))
    row.raw_mobile = _cell(cells, positions, "mobile")
    if not row.raw_mobile:
        row.problems.append(_("The mobile number is missing."))
    else:
        try:
            row.mobile = normalise_mobile(row.raw_mobile)
        except ValidationError as error:
            row.problems.extend(error.messages)
    for name, parse, label in (
        ("sex", lambda v: _choice(v, SEX_VALUES, Sex.choices), _("sex")),
        ("age_band", _age_band, _("age band")),
        ("district", lambda v: _choice(v, {}, districts), _("district")),
        (
            "migrant_status",
            lambda v: _choice(v, STATUS_VALUES, MigrantStatus.choices),
            _("returning migrant or family member"),
        ),
    ):
        raw = _cell(cells, positions, name)
        if not raw:
            continue
        value = parse(raw)
        if value is None:
            row.problems.append(
                _("“%(value)s” is not a known %(what)s.") % {"value": raw, "what": label}
            )
        else:
            setattr(row, name, value)
    return row


def _mark_duplicates_and_existing(rows: list[ImportRow], cohort) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if not row.mobile:
            continue
        if row.mobile in seen:
            row.problems.append(
                _("This number is also on line %(line)s.") % {"line": seen[row.mobile]}
            )
        else:
            seen[row.mobile] = row.line
    mobiles = list(seen)
    accounts = User.objects.filter(mobile__in=mobiles)
    # Staff by role group (the same rule as User.is_staff_member), in one query.
    staff = set(
        accounts.filter(Q(is_superuser=True) | Q(groups__name__in=STAFF_ROLES)).values_list(
            "mobile", flat=True
        )
    )
    existing = {mobile: mobile in staff for mobile in accounts.values_list("mobile", flat=True)}
    enrolled = set(
        Enrolment.objects.filter(cohort=cohort, participant__mobile__in=mobiles).values_list(
            "participant__mobile", flat=True
        )
    )
    for row in rows:
        if row.mobile in enrolled:
            row.status = "enrolled"
        elif row.mobile in existing:
            row.status = "existing"
            if existing[row.mobile]:
                row.problems.append(_("This number belongs to a staff account."))
