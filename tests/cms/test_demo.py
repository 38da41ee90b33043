"""The demo loader builds the whole programme in both languages and is idempotent."""

import pytest
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Revision

from cms.models import LessonPage, ModulePage, StagePage, User


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": User.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
        "latest": sorted(Page.objects.values_list("id", "latest_revision_id")),
        "passwords": sorted(User.objects.values_list("mobile", "password")),
    }


@pytest.mark.django_db
def test_loader_runs_twice_without_changes(capsys):
    call_command("load_initial_data")
    first = _snapshot()
    call_command("load_initial_data")
    assert _snapshot() == first
    assert "nothing changed" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_programme_shape(demo_site):
    for language in ("id", "en"):
        stages = StagePage.objects.filter(locale__language_code=language).order_by("order")
        assert [s.kind for s in stages] == ["internalisation", "orientation", "mastery"]
        for stage in stages:
            modules = ModulePage.objects.child_of(stage)
            assert modules.count() >= 2
            for module in modules:
                assert LessonPage.objects.child_of(module).live().count() >= 2
    lesson = LessonPage.objects.filter(locale__language_code="id").first()
    english = lesson.get_translation(Locale.objects.get(language_code="en"))
    assert english.title != lesson.title  # really translated, not a copy


@pytest.mark.django_db
def test_one_demo_user_per_role(demo_site):
    for mobile, group in [
        ("+6281200000001", "participants"),
        ("+6281200000002", "facilitators"),
        ("+6281200000003", "experts"),
        ("+6281200000004", "programme managers"),
    ]:
        assert User.objects.get(mobile=mobile).groups.filter(name=group).exists()
    assert User.objects.get(mobile="+6281200000000").is_superuser
