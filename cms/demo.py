"""Demo content: the curriculum in Bahasa Indonesia and English, demo users, generated media.

Every function here is idempotent: what exists already is left as it is, so running the
loader twice changes nothing.
"""

import csv
import io
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from cms.demo_content import PROGRAMME
from cms.models import (
    AgeBand,
    District,
    HomePage,
    LessonPage,
    MigrantStatus,
    ModulePage,
    ProgrammePage,
    Role,
    Sex,
    StagePage,
    User,
    district_time_zone,
)

LANGUAGES = ("id", "en")

HOME = {
    "title": {"id": "Berdaya: pulang, belajar, berusaha", "en": "Berdaya: come home, learn, build"},
    "intro": {
        "id": (
            "<p>Program belajar dan pendampingan untuk <strong>purna pekerja migran Indonesia"
            "</strong> dan keluarganya. Belajar dari ponsel, ikut lokakarya bersama fasilitator,"
            " lalu dapatkan pendampingan dari para ahli untuk memulai atau mengembangkan usaha."
            "</p>"
        ),
        "en": (
            "<p>A learning and coaching programme for <strong>returning Indonesian migrant"
            " workers</strong> and their families. Learn on your phone, join a workshop with"
            " facilitators, then get coaching from experts to start or grow a business.</p>"
        ),
    },
    "join_text": {
        "id": (
            "<p>Program ini terbuka untuk purna pekerja migran dan anggota keluarganya di Flores"
            " Timur, Lombok Timur, Wonosobo dan Karawang. Anda hanya perlu ponsel dan nomor HP."
            " Jika fasilitator memberi Anda <strong>kode kelompok</strong>, masukkan saat"
            " mendaftar.</p>"
        ),
        "en": (
            "<p>The programme is open to returning migrant workers and their family members in"
            " Flores Timur, Lombok Timur, Wonosobo and Karawang. All you need is a phone and a"
            " mobile number. If a facilitator gave you a <strong>cohort code</strong>, enter it"
            " when you sign up.</p>"
        ),
    },
}


@dataclass(frozen=True)
class DemoUser:
    mobile: str
    password: str
    name: str
    role: str
    sex: str
    district: str
    is_staff: bool = False
    is_superuser: bool = False


DEMO_USERS = [
    DemoUser(
        "081200000001",
        "peserta-berdaya",
        "Siti Aminah",
        Role.PARTICIPANT,
        Sex.FEMALE,
        District.LOMBOK_TIMUR,
    ),
    DemoUser(
        "081200000002",
        "fasilitator-berdaya",
        "Maria Goreti",
        Role.FACILITATOR,
        Sex.FEMALE,
        District.FLORES_TIMUR,
        is_staff=True,
    ),
    DemoUser(
        "081200000003",
        "ahli-berdaya",
        "Budi Santoso",
        Role.EXPERT,
        Sex.MALE,
        District.KARAWANG,
        is_staff=True,
    ),
    DemoUser(
        "081200000004",
        "manajer-berdaya",
        "Dewi Lestari",
        Role.MANAGER,
        Sex.FEMALE,
        District.WONOSOBO,
        is_staff=True,
    ),
    DemoUser(
        "081200000000",
        "admin-berdaya",
        "Admin Berdaya",
        Role.MANAGER,
        Sex.MALE,
        District.KARAWANG,
        is_staff=True,
        is_superuser=True,
    ),
]


class Loader:
    """Builds the demo site. ``created`` counts what this run added."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.created: dict[str, int] = {}
        self.locales = {}

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)

    def count(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    # --- locales and the home page -------------------------------------------------------
    def ensure_locales(self) -> None:
        # Wagtail's migrations make the root collection; a flushed test database lacks it.
        if Collection.get_first_root_node() is None:
            Collection.add_root(name="Root")
        for code in LANGUAGES:
            self.locales[code], created = Locale.objects.get_or_create(language_code=code)
            if created:
                self.count("locales")

    def ensure_home(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.filter(locale=self.locales["id"]).first()
        if home is None:
            root = Page.get_first_root_node() or Page.add_root(
                title="Root", slug="root", locale=self.locales["id"]
            )
            old_root = site.root_page if site else None
            home = HomePage(
                title=HOME["title"]["id"],
                slug="beranda",
                intro=HOME["intro"]["id"],
                join_text=HOME["join_text"]["id"],
                locale=self.locales["id"],
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.count("pages")
            if site is None:
                site = Site.objects.create(
                    hostname="localhost", root_page=home, is_default_site=True
                )
            else:
                site.root_page = home
                site.site_name = "Berdaya"
                site.save()
            if old_root is not None and not isinstance(old_root.specific, HomePage):
                old_root.delete()
        self.translate(
            home,
            {
                "title": HOME["title"]["en"],
                "intro": HOME["intro"]["en"],
                "join_text": HOME["join_text"]["en"],
            },
        )
        return home

    # --- pages ---------------------------------------------------------------------------
    def child(self, parent: Page, model, slug: str, fields_by_language: dict[str, dict]) -> Page:
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is None:
            existing = model(slug=slug, locale=self.locales["id"], **fields_by_language["id"])
            parent.add_child(instance=existing)
            existing.save_revision().publish()
            self.count("pages")
        self.translate(existing, fields_by_language["en"])
        return existing

    def translate(self, page: Page, fields: dict) -> Page:
        en = self.locales["en"]
        translation = page.get_translation_or_none(en)
        if translation is not None:
            return translation
        translation = page.copy_for_translation(en, copy_parents=True)
        translation = translation.specific
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        self.count("pages")
        return translation

    # --- media ---------------------------------------------------------------------------
    def image(self, label: str, colour: str, title: str):
        Image = get_image_model()
        existing = Image.objects.filter(title=title).first()
        if existing:
            return existing
        picture = PILImage.new("RGB", (720, 405), colour)
        draw = ImageDraw.Draw(picture)
        draw.rectangle((24, 24, 696, 381), outline="white", width=6)
        draw.text((48, 180), label.upper(), fill="white", font_size=48)
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=80)
        name = f"{label.lower().replace(' ', '-')}.jpg"
        image = Image.objects.create(title=title, file=ImageFile(buffer, name=name))
        self.count("images")
        return image

    def worksheet(self, title: str, filename: str, rows: list[list[str]]):
        Document = get_document_model()
        existing = Document.objects.filter(title=title).first()
        if existing:
            return existing
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        document = Document(title=title)
        document.file.save(filename, ContentFile(buffer.getvalue().encode("utf-8")), save=False)
        document._set_document_file_metadata()  # size and hash, as the admin's upload sets them
        document.save()
        self.count("documents")
        return document

    # --- the curriculum ------------------------------------------------------------------
    def body(self, blocks: list, language: str) -> list[dict]:
        stream = []
        for block_type, value in blocks:
            if block_type == "text":
                stream.append({"type": "text", "value": value[language]})
            elif block_type == "callout":
                stream.append(
                    {
                        "type": "callout",
                        "value": {
                            "kind": value["kind"],
                            "title": value["title"][language],
                            "text": value["text"][language],
                        },
                    }
                )
            elif block_type == "key_points":
                stream.append(
                    {
                        "type": "key_points",
                        "value": {
                            "title": value["title"][language],
                            "points": [point[language] for point in value["points"]],
                        },
                    }
                )
            elif block_type == "reflection":
                stream.append(
                    {
                        "type": "reflection",
                        "value": {
                            "question": value["question"][language],
                            "hint": value.get("hint", {}).get(language, ""),
                        },
                    }
                )
            elif block_type == "image":
                image = self.image(value["label"], value["colour"], value["alt"]["id"])
                stream.append(
                    {
                        "type": "image",
                        "value": {
                            "image": image.pk,
                            "alt_text": value["alt"][language],
                            "caption": value["caption"][language],
                        },
                    }
                )
            elif block_type == "worksheet":
                document = self.worksheet(value["title"]["id"], value["filename"], value["csv"])
                stream.append(
                    {
                        "type": "worksheet",
                        "value": {
                            "document": document.pk,
                            "title": value["title"][language],
                            "description": value["description"][language],
                        },
                    }
                )
        return stream

    def curriculum(self, home: HomePage) -> ProgrammePage:
        def both(**fields):
            return {
                lang: {k: v[lang] if isinstance(v, dict) else v for k, v in fields.items()}
                for lang in LANGUAGES
            }

        programme = self.child(
            home,
            ProgrammePage,
            PROGRAMME["slug"],
            both(title=PROGRAMME["title"], intro=PROGRAMME["intro"]),
        )
        for order, stage_data in enumerate(PROGRAMME["stages"], start=1):
            stage = self.child(
                programme,
                StagePage,
                stage_data["slug"],
                both(
                    title=stage_data["title"],
                    intro=stage_data["intro"],
                    kind=stage_data["kind"],
                    order=order,
                ),
            )
            for module_data in stage_data["modules"]:
                module = self.child(
                    stage,
                    ModulePage,
                    module_data["slug"],
                    both(title=module_data["title"], intro=module_data["intro"]),
                )
                for lesson_data in module_data["lessons"]:
                    fields = both(
                        title=lesson_data["title"],
                        summary=lesson_data["summary"],
                        estimated_minutes=lesson_data["minutes"],
                    )
                    for lang in LANGUAGES:
                        fields[lang]["body"] = self.body(lesson_data["body"], lang)
                    self.child(module, LessonPage, lesson_data["slug"], fields)
        return programme

    # --- people --------------------------------------------------------------------------
    def users(self) -> None:
        groups = {group.name: group for group in Group.objects.filter(name__in=Role.values)}
        for demo in DEMO_USERS:
            user = User.objects.filter(mobile=f"+62{demo.mobile[1:]}").first()
            if user is not None:
                continue
            user = User.objects.create_user(
                demo.mobile,
                demo.password,
                name=demo.name,
                sex=demo.sex,
                district=demo.district,
                age_band=AgeBand.AGE_35_44,
                migrant_status=MigrantStatus.RETURNEE,
                is_staff=demo.is_staff,
                is_superuser=demo.is_superuser,
            )
            user.time_zone = district_time_zone(demo.district)
            user.save(update_fields=["time_zone"])
            user.groups.add(groups[demo.role])
            self.count("users")

    @transaction.atomic
    def run(self) -> dict[str, int]:
        self.ensure_locales()
        home = self.ensure_home()
        self.curriculum(home)
        self.users()
        return self.created
