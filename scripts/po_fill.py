#!/usr/bin/env python3
"""Fill translations into a .po file from a JSON map {msgid: msgstr} (or {msgid: [sing, plural]}).

Usage: .venv/bin/python scripts/po_fill.py locale/id/LC_MESSAGES/django.po my-strings.json

Only entries whose msgid is in the map are touched; fuzzy flags on them are cleared. Prints the
msgids of the map that are not in the .po (run `make messages` first) and how many entries of
the whole file are still untranslated.
"""

import json
import sys

import polib


def main(po_path: str, json_path: str) -> int:
    with open(json_path, encoding="utf-8") as handle:
        translations = json.load(handle)
    po = polib.pofile(po_path, wrapwidth=79)
    by_id = {entry.msgid: entry for entry in po}
    plural_forms = po.metadata.get("Plural-Forms", "nplurals=2;")
    nplurals = int(plural_forms.split("nplurals=")[1].split(";")[0].strip())
    missing = []
    for msgid, msgstr in translations.items():
        entry = by_id.get(msgid)
        if entry is None:
            missing.append(msgid)
            continue
        if entry.msgid_plural:
            forms = msgstr if isinstance(msgstr, list) else [msgstr, msgstr]
            # As many forms as the language has (Indonesian: one), so msgfmt accepts the file.
            entry.msgstr_plural = dict(enumerate(forms[:nplurals]))
        else:
            entry.msgstr = msgstr if isinstance(msgstr, str) else msgstr[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.save(po_path)
    for msgid in missing:
        print(f"not in {po_path}: {msgid!r}")
    untranslated = [e.msgid for e in po if not e.obsolete and (not e.translated())]
    print(f"{len(untranslated)} untranslated entries remain in {po_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
