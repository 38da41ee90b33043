"""Fixtures for learning tests: a small programme (three stages), cohorts, people per role."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

_mobiles = itertools.count(1)


def build_programme(*, lessons_per_module: int = 2, modules_per_stage: int = 1, reflection=True):
    """Home → Programme → Internalisation / Orientation / Mastery, each with modules of
    lessons; the home page becomes the default site's root. Returns a dict of pages."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage, StagePage

    # A transactional test's flush can leave the content-type cache pointing at old ids.
    cached = ContentType.objects.get_for_model(HomePage)
    if not ContentType.objects.filter(pk=cached.pk, model="homepage").exists():
        ContentType.objects.clear_cache()
    locale = Locale.objects.get_or_create(language_code="id")[0]
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:  # flushed by a transactional test on a reused database
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage(title="Beranda", slug=f"beranda-{next(_mobiles)}", locale=locale)
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    programme = ProgrammePage(title="Program", slug="program", locale=locale)
    home.add_child(instance=programme)
    pages = {"home": home, "programme": programme, "stages": [], "lessons": {}}
    for order, kind in enumerate(("internalisation", "orientation", "mastery"), start=1):
        stage = StagePage(title=kind.title(), slug=kind, kind=kind, order=order, locale=locale)
        programme.add_child(instance=stage)
        pages["stages"].append(stage)
        pages["lessons"][kind] = []
        for m in range(modules_per_stage):
            module = ModulePage(
                title=f"{kind} module {m + 1}", slug=f"{kind}-m{m + 1}", locale=locale
            )
            stage.add_child(instance=module)
            for n in range(lessons_per_module):
                body = []
                if reflection and n == 0:
                    body = [{"type": "reflection", "value": {"question": "Why?", "hint": ""}}]
                lesson = LessonPage(
                    title=f"{kind} lesson {m + 1}.{n + 1}",
                    slug=f"{kind}-l{m + 1}-{n + 1}",
                    summary="A lesson.",
                    locale=locale,
                    body=body,
                )
                module.add_child(instance=lesson)
                pages["lessons"][kind].append(lesson)
    pages["internalisation"], pages["orientation"], pages["mastery"] = pages["stages"]
    return pages


@pytest.fixture(autouse=True)
def english():
    """Messages in English (a request in an earlier test may have left Indonesian active)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def programme(db):
    return build_programme()


@pytest.fixture
def make_participant(make_user):
    def make(name=None, **extra):
        n = next(_mobiles)
        return make_user("participants", f"0858{n:08d}", name=name or f"Peserta {n}", **extra)

    return make


@pytest.fixture
def make_facilitator(make_user):
    def make(name=None, **extra):
        n = next(_mobiles)
        extra.setdefault("is_staff", True)
        return make_user("facilitators", f"0859{n:08d}", name=name or f"Fasilitator {n}", **extra)

    return make


@pytest.fixture
def cohort(facilitator):
    from learning import services

    return services.cohort_create(
        name="Kelompok Selong",
        district="lombok_timur",
        start_date=dt.date(2026, 1, 10),
        facilitators=[facilitator],
        join_code="SELONG",
    )


@pytest.fixture
def other_cohort(make_facilitator):
    from learning import services

    return services.cohort_create(
        name="Kelompok Karawang",
        district="karawang",
        start_date=dt.date(2026, 1, 12),
        facilitators=[make_facilitator(name="Other Facilitator")],
        join_code="KRWANG",
    )


@pytest.fixture
def member(participant, cohort):
    """The ``participant`` fixture, enrolled in ``cohort``."""
    from learning import services

    services.enrolment_create(cohort=cohort, participant=participant)
    return participant


@pytest.fixture
def make_assignment(facilitator):
    from learning import services

    def make(cohort, due_in=dt.timedelta(days=3), **fields):
        fields.setdefault("title", "Foto usaha")
        fields.setdefault("instructions", "Kirim foto.")
        fields.setdefault("created_by", facilitator)
        return services.assignment_create(due_at=timezone.now() + due_in, cohort=cohort, **fields)

    return make
