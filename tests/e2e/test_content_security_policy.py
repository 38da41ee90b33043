"""The Content-Security-Policy in a real Chromium: the site's pages and the Wagtail admin's
page editor run without a single violation, and a script injected into a page does not run."""

import pytest
from playwright.sync_api import expect

from cms.models import LessonPage
from tests.podcasts.factories import make_episode, make_podcast

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Every violation the page reports, from before its first script runs.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def _watch(page) -> list[str]:
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    return console


def _sign_in(page, base, mobile, password):
    page.goto(base + "/id/accounts/login/")
    page.fill("input[name=username]", mobile)
    page.fill("input[name=password]", password)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url


def test_participant_pages_run_without_violations(live_server, demo_site, phone, artifacts_dir):
    page = phone
    console = _watch(page)
    _sign_in(page, live_server.url, "081200000001", "peserta-berdaya")
    lesson = LessonPage.objects.live().filter(locale__language_code="id").first()
    episode = make_episode(make_podcast(home=demo_site))
    response = page.goto(live_server.url + "/id/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy + ";" and "unsafe-inline" not in policy
    for url in (
        lesson.url,
        episode.url,
        "/id/notifications/settings/",
        "/id/learning/assignments/",
    ):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__csp") == [], url
    # the episode player's script ran (it is a file, so the policy lets it)
    page.goto(live_server.url + episode.url)
    expect(page.locator("audio")).to_have_count(1)
    page.screenshot(path=str(artifacts_dir / "csp-episode-phone.png"))
    assert console == []


def test_an_injected_inline_script_does_not_run(live_server, demo_site, phone):
    """As if a stored XSS slipped a script and an event handler into the page."""
    page = phone
    _watch(page)
    injected = (
        "<script>window.__injected = 1</script>"
        '<img src="/no-such-image.png" onerror="window.__handler = 1" alt="">'
    )

    def inject(route):
        response = route.fetch()
        body = response.text().replace("</main>", injected + "</main>")
        route.fulfill(response=response, body=body)

    page.route(live_server.url + "/id/accounts/login/", inject)
    page.goto(live_server.url + "/id/accounts/login/")
    page.wait_for_load_state("networkidle")
    assert page.locator("main script").count() == 1  # it is in the page...
    assert page.evaluate("window.__injected") is None  # ...and did not run
    assert page.evaluate("window.__handler") is None
    violations = page.evaluate("window.__csp")
    assert any(v.startswith("script-src") for v in violations), violations


def test_admin_page_editor_runs_without_violations(live_server, demo_site, browser, artifacts_dir):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    console = _watch(page)
    try:
        _sign_in(page, live_server.url, "081200000000", "admin-berdaya")
        lesson = LessonPage.objects.live().filter(locale__language_code="id").first()
        response = page.goto(f"{live_server.url}/admin/pages/{lesson.pk}/edit/")
        assert "content-security-policy" in response.headers
        page.wait_for_load_state("networkidle")
        # the StreamField editor is drawn by Wagtail's scripts: they ran
        blocks = page.locator("[data-streamfield-stream-container] [data-streamfield-child]")
        expect(blocks.first).to_be_attached()
        # a date field's picker is set up by one of Wagtail's inline scripts (admin policy)
        page.locator("[role=tab]").nth(1).click()
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(artifacts_dir / "csp-admin-editor.png"))
        assert page.evaluate("window.__csp") == []
        assert console == []
    finally:
        context.close()
