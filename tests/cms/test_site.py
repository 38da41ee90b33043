"""The project's health: checks, migrations, production settings, errors and page weight."""

import gzip
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.support.cases import DemoSiteTestCase

ROOT = Path(__file__).resolve().parents[2]


def test_manage_py_check_is_clean():
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())


@pytest.mark.parametrize(
    ("env", "message"),
    [({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"), ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS")],
)
def test_production_refuses_to_start_without_its_secrets(env, message):
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "cms.settings.production"},
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_its_secrets():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "example.org",
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "ok" in result.stdout


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/id/tidak-ada/", "/en/nothing/here/", "/id/accounts/nope/", "/en/program/zzz/"]
)
def test_unknown_urls_get_the_404_page(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    lang = url.split("/")[1]
    assert f'<html lang="{lang}">' in html
    assert ("Halaman tidak ditemukan" if lang == "id" else "Page not found") in html


@pytest.mark.django_db
def test_language_switch_rejects_foreign_redirects(client):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/"
    response = client.post("/language/", {"language": "xx", "next": "/id/"})
    assert response.status_code == 302
    assert client.get("/language/").status_code == 405


def test_500_page_stands_alone():
    html = (ROOT / "templates" / "500.html").read_text()
    assert "{%" not in html and "Maaf" in html and "Sorry" in html


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


class TestByteBudgets(DemoSiteTestCase):
    """Every participant page type within its byte budget (HTML + CSS, gzip, no images)."""

    BUDGET = 30_000
    LESSON_FIRST_ROUND_TRIP = 14_000

    def test_page_types_within_budget(self):
        from cms.models import LessonPage, ModulePage, StagePage, User

        css = _gzip_size(Path(finders.find("cms/site.css")).read_bytes())
        self.client.force_login(User.objects.get(mobile="+6281200000001"))
        pages = {
            "home": "/id/",
            "stage": StagePage.objects.filter(locale__language_code="id").first().url,
            "module": ModulePage.objects.filter(locale__language_code="id").first().url,
        }
        for lesson in LessonPage.objects.filter(locale__language_code="id"):
            pages[f"lesson {lesson.slug}"] = lesson.url
        for name, url in pages.items():
            with self.subTest(page=name):
                html = self.client.get(url).content
                total = _gzip_size(html) + css
                self.assertLessEqual(total, self.BUDGET)
                if name.startswith("lesson"):
                    self.assertLessEqual(total, self.LESSON_FIRST_ROUND_TRIP)
