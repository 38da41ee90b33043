"""PostgreSQL: an expert's scheduled sessions never overlap (exclusion constraint, btree_gist).

On SQLite (the embedded default) the constraint is skipped; there the booking service's row
lock on the expert, inside SQLite's IMMEDIATE transactions, keeps the rule. Also seeds the four
topics of the programme.
"""

from django.db import migrations

CONSTRAINT = "coaching_expert_sessions_no_overlap"

TOPICS = [
    ("akses-modal", "Akses permodalan", "Access to capital", 10),
    ("pemasaran-digital", "Pemasaran digital dan online", "Digital and online marketing", 20),
    ("desain-produk", "Desain produk", "Product design", 30),
    (
        "perizinan-sertifikasi",
        "Perizinan dan sertifikasi produk",
        "Product licensing and certification",
        40,
    ),
]


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE coaching_clinicsession ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (expert_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (status = 'scheduled')"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE coaching_clinicsession DROP CONSTRAINT IF EXISTS {CONSTRAINT}"
    )


def seed_topics(apps, schema_editor):
    Topic = apps.get_model("coaching", "Topic")
    for slug, name, name_en, order in TOPICS:
        Topic.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("coaching", "0001_initial")]

    operations = [
        migrations.RunPython(add_constraint, drop_constraint),
        migrations.RunPython(seed_topics, migrations.RunPython.noop),
    ]
