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
    """Extract the strings afresh (as `make messages` does) and compare with the catalogue.

    makemessages writes beside the files it scans, so it runs on a scratch copy of the tree.
    """
    tree = tmp_path / "tree"
    ignore = shutil.ignore_patterns(
        ".*", "__pycache__", "node_modules", "var", "media", "static_collected", "tests", "*.mo"
    )
    for name in (
        "cms", "notifications", "video", "podcasts", "learning", "coaching", "reports",
        "templates", "locale",
    ):  # fmt: skip
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tree / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", tree / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    env.pop("LOCALE_DIR", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "id", "--no-obsolete"],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tree / "locale" / "id" / "LC_MESSAGES" / "django.po"))
    committed = {entry.msgid for entry in polib.pofile(str(PO)) if entry.translated()}
    missing = sorted(entry.msgid for entry in fresh if entry.msgid not in committed)
    assert missing == [], "run `make messages` and translate these"
