"""The curriculum's page tree, and every page type rendered for a visitor and a participant."""

from django.utils.html import escape
from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, LessonPage, ModulePage, ProgrammePage, StagePage, User
from tests.support.cases import DemoSiteTestCase


class TestPageTree(WagtailPageTestCase):
    def test_programme_lives_under_home(self):
        self.assertAllowedParentPageTypes(ProgrammePage, {HomePage})
        self.assertAllowedSubpageTypes(ProgrammePage, {StagePage})

    def test_stage_lives_under_programme(self):
        self.assertAllowedParentPageTypes(StagePage, {ProgrammePage})
        self.assertAllowedSubpageTypes(StagePage, {ModulePage})

    def test_module_lives_under_stage(self):
        self.assertAllowedParentPageTypes(ModulePage, {StagePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})

    def test_lesson_is_a_leaf_under_a_module(self):
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())

    def test_levels_cannot_be_skipped(self):
        self.assertCanNotCreateAt(HomePage, LessonPage)
        self.assertCanNotCreateAt(ProgrammePage, ModulePage)
        self.assertCanNotCreateAt(StagePage, LessonPage)
        self.assertCanNotCreateAt(Page, StagePage)


def curriculum_page(home: HomePage, kind: str, language: str) -> Page:
    programme = ProgrammePage.objects.child_of(home).get()
    pages = {"home": home, "programme": programme}
    pages["stage"] = StagePage.objects.child_of(programme).get(slug="internalisasi")
    pages["module"] = ModulePage.objects.child_of(pages["stage"]).order_by("path").first()
    pages["lesson"] = LessonPage.objects.child_of(pages["module"]).order_by("path").first()
    page = pages[kind]
    if language != "id":
        page = page.get_translation(Locale.objects.get(language_code=language))
    return page.specific


class TestRendering(DemoSiteTestCase):
    def test_every_page_type_renders_for_visitor_and_participant_in_both_languages(self):
        participant = User.objects.get(mobile="+6281200000001")
        for who in ("visitor", "participant"):
            if who == "participant":
                self.client.force_login(participant)
            for language in ("id", "en"):
                for kind in ("home", "programme", "stage", "module", "lesson"):
                    with self.subTest(who=who, language=language, kind=kind):
                        page = curriculum_page(self.home, kind, language)
                        response = self.client.get(page.url)
                        self.assertEqual(response.status_code, 200)
                        html = response.content.decode()
                        self.assertIn(f'<html lang="{language}">', html)
                        self.assertIn(escape(page.title), html)
                        self.assertTrue(page.url.startswith(f"/{language}/"))


class TestCurriculumPages(DemoSiteTestCase):
    def test_visitor_sees_the_programme_and_how_to_join(self):
        html = self.client.get("/id/").content.decode()
        assert "Ikuti program" in html  # the join button, in Indonesian
        assert "Internalisasi" in html and "Orientasi" in html

    def test_signed_in_home_lists_stages_and_modules(self):
        self.client.force_login(User.objects.get(mobile="+6281200000001"))
        html = self.client.get("/en/").content.decode()
        assert "Your programme" in html
        for stage in StagePage.objects.filter(locale__language_code="en"):
            assert stage.title in html
        for module in ModulePage.objects.filter(locale__language_code="en"):
            assert module.title in html

    def test_lesson_body_is_for_signed_in_people(self):
        lesson = curriculum_page(self.home, "lesson", "id")
        teaser = self.client.get(lesson.url).content.decode()
        assert "Masuk atau ikuti program untuk membaca pelajaran ini." in teaser
        assert "key-points" not in teaser
        self.client.force_login(User.objects.get(mobile="+6281200000001"))
        full = self.client.get(lesson.url).content.decode()
        assert "key-points" in full and "reflection" in full

    def test_lesson_has_previous_and_next_across_modules(self):
        self.client.force_login(User.objects.get(mobile="+6281200000001"))
        lessons = list(LessonPage.objects.filter(locale__language_code="id").order_by("path"))
        first, second, last = lessons[0], lessons[1], lessons[-1]
        html = self.client.get(first.url).content.decode()
        assert 'rel="prev"' not in html and f'href="{second.url}"' in html
        html = self.client.get(second.url).content.decode()
        assert f'href="{first.url}"' in html
        html = self.client.get(last.url).content.decode()
        assert 'rel="next"' not in html
        # the last lesson of a module leads to the first lesson of the next module
        module_end = lessons[1]
        following = lessons[2]
        assert module_end.get_parent().id != following.get_parent().id
        assert f'href="{following.url}"' in self.client.get(module_end.url).content.decode()

    def test_lesson_blocks_render(self):
        """Images are responsive and lazy; worksheets show their size."""
        self.client.force_login(User.objects.get(mobile="+6281200000001"))
        with_image = next(
            lesson
            for lesson in LessonPage.objects.filter(locale__language_code="id")
            if any(block.block_type == "image" for block in lesson.body)
        )
        html = self.client.get(with_image.url).content.decode()
        assert 'loading="lazy"' in html and "srcset=" in html
        with_sheet = next(
            lesson
            for lesson in LessonPage.objects.filter(locale__language_code="id")
            if any(block.block_type == "worksheet" for block in lesson.body)
        )
        html = self.client.get(with_sheet.url).content.decode()
        assert "Unduh lembar kerja (CSV," in html

    def test_pages_are_searchable(self):
        from wagtail.search.backends import get_search_backend

        results = get_search_backend().search("KUR", LessonPage)
        assert any("modal" in page.slug for page in results)
