"""Helpers for the browser tests (tests/e2e): one way to sign a person in."""

from django.conf import settings
from django.test import Client

# The password ``make_user`` (tests/conftest.py) gives every test user.
PASSWORD = "a-Strong-pass-123"


def sign_in(page, base: str, user, password: str = PASSWORD, *, language: str = "id") -> None:
    """Sign in through the login form, as the person would: ``user`` is a User or a mobile
    number (the demo users have their own ``password``). Returns once the next page loaded."""
    mobile = getattr(user, "mobile", user)
    page.goto(f"{base}/{language}/accounts/login/")
    page.fill("input[name=username]", str(mobile))
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    page.wait_for_load_state()


def sign_in_by_cookie(context, base: str, user) -> None:
    """Give a browser context the session of a signed-in ``user`` without the login form
    (for tests about something else, where the form's round trip is noise)."""
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base}])
