"""Demo content: the curriculum in Bahasa Indonesia and English, demo users, generated media.

The texts are data, not code: ``cms/demo_content/`` holds the home page, the programme's
outline and one YAML file per lesson, each text in both languages side by side, so an editor
or a translator can read and fix them (its README says how). This module turns them into pages.

Every function here is idempotent: what exists already is left as it is, so running the
loader twice changes nothing.
"""

import csv
import functools
import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

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
CONTENT = Path(__file__).resolve().parent / "demo_content"
# libyaml's parser when PyYAML has it (its wheels do): several times faster than pure Python.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DemoContentError(ValueError):
    """A demo content file that cannot be used, with the file and the place in it."""


def _read(path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=YAML_LOADER)
    except yaml.YAMLError as error:
        raise DemoContentError(f"{path.relative_to(CONTENT)}: {error}") from error


def _check_languages(value, where: str) -> None:
    """Every text that has one language must have both, and nothing else."""
    if isinstance(value, dict):
        if set(value) & set(LANGUAGES) and set(value) != set(LANGUAGES):
            raise DemoContentError(f"{where}: give {' and '.join(LANGUAGES)}, got {sorted(value)}")
        for key, item in value.items():
            _check_languages(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_languages(item, f"{where}[{index}]")


@functools.cache
def demo_content() -> dict:
    """The home page and the programme (lessons in place of their file names), read once per
    process: the loader runs in many tests and the files do not change under it. Read-only."""
    home = _read(CONTENT / "home.yaml")
    programme = _read(CONTENT / "programme.yaml")
    for stage in programme["stages"]:
        for module in stage["modules"]:
            lessons = []
            for name in module["lessons"]:
                path = CONTENT / "lessons" / f"{name}.yaml"
                if not path.exists():
                    raise DemoContentError(
                        f"programme.yaml names lessons/{name}.yaml: no such file"
                    )
                lessons.append({"slug": name, **_read(path)})
            module["lessons"] = lessons
    _check_languages(home, "home.yaml")
    _check_languages(programme, "programme.yaml")
    return {"home": home, "programme": programme}


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
        # Not counted: Wagtail's migration makes the first one, so a count said "1 locales"
        # for two languages; the command names the languages instead.
        for code in LANGUAGES:
            self.locales[code], _created = Locale.objects.get_or_create(language_code=code)

    def ensure_home(self) -> HomePage:
        home_text = demo_content()["home"]
        site = Site.objects.filter(is_default_site=True).first()
        home = HomePage.objects.filter(locale=self.locales["id"]).first()
        if home is None:
            root = Page.get_first_root_node() or Page.add_root(
                title="Root", slug="root", locale=self.locales["id"]
            )
            old_root = site.root_page if site else None
            home = HomePage(
                title=home_text["title"]["id"],
                slug="beranda",
                intro=home_text["intro"]["id"],
                join_text=home_text["join_text"]["id"],
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
                "title": home_text["title"]["en"],
                "intro": home_text["intro"]["en"],
                "join_text": home_text["join_text"]["en"],
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
        """The lesson file's blocks (``- <block type>: <value>``) as StreamField data."""
        stream = []
        for block in blocks:
            [(block_type, value)] = block.items()
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
        outline = demo_content()["programme"]

        def both(**fields):
            return {
                lang: {k: v[lang] if isinstance(v, dict) else v for k, v in fields.items()}
                for lang in LANGUAGES
            }

        programme = self.child(
            home,
            ProgrammePage,
            outline["slug"],
            both(title=outline["title"], intro=outline["intro"]),
        )
        for order, stage_data in enumerate(outline["stages"], start=1):
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
        if len(groups) < len(Role.values):
            # A database emptied without its post-migrate set-up (a test's flush): the roles
            # and their permissions first, as `migrate` makes them.
            from cms.roles import apply_role_permissions

            apply_role_permissions()
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
