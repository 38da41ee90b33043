"""Every UI string has an Indonesian translation, and the catalogue matches the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"


def _untranslated(po: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


def test_indonesian_catalogue_has_no_untranslated_or_fuzzy_string():
    po = polib.pofile(str(PO))
    assert len(po) > 100
    assert _untranslated(po) == []


def test_indonesian_catalogue_keeps_placeholders():
    for entry in polib.pofile(str(PO)):
        if entry.obsolete or not entry.msgstr:
            continue
        for token in ("%(name)s", "%(count)s", "%(done)s", "%(total)s", "{"):
            assert entry.msgid.count(token) == entry.msgstr.count(token), entry.msgid


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    """Extract the strings afresh (as `make messages` would) and compare with the catalogue."""
    scratch = tmp_path / "locale"
    (scratch / "id" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(PO, scratch / "id" / "LC_MESSAGES" / "django.po")
    env = {**os.environ, "LOCALE_DIR": str(scratch), "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "--locale",
            "id",
            "--no-obsolete",
            "--ignore",
            ".venv/*",
            "--ignore",
            "tests/*",
            "--ignore",
            "var/*",
            "--ignore",
            "static_collected/*",
            "--ignore",
            "node_modules/*",
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(scratch / "id" / "LC_MESSAGES" / "django.po"))
    committed = {entry.msgid for entry in polib.pofile(str(PO)) if entry.translated()}
    missing = sorted(entry.msgid for entry in fresh if entry.msgid not in committed)
    assert missing == [], "run `make messages` and translate these"
