"""Changing one's password speaks in our words, in both languages: none of Django's stock
sentences ("Your password can't be too similar…", "Sandi anda…") on the page or in its errors."""

import re

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def _stock_sentences(language: str, user) -> list[str]:
    """Django's own texts for this form, in ``language`` (as Django would show them)."""
    with translation.override(language):
        texts = [
            re.sub(r"<[^>]+>", "\n", str(password_validation.password_validators_help_text_html())),
            translation.gettext("Old password"),
            translation.gettext("New password confirmation"),
            translation.gettext(
                "Your old password was entered incorrectly. Please enter it again."
            ),
            translation.gettext("The two password fields didn’t match."),
            translation.gettext("Enter the same password as before, for verification."),
        ]
        for bad in ("12345678", "password", "abc", user.name):
            try:
                password_validation.validate_password(bad, user)
            except ValidationError as error:
                texts.extend(error.messages)
    sentences = [line.strip() for text in texts for line in text.split("\n") if line.strip()]
    return sorted(set(sentences))


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_password_page_and_its_errors_are_in_our_words(client, participant, language):
    client.force_login(participant)
    url = f"/{language}/accounts/password/"
    assert url == translation.override(language)(lambda: reverse("accounts:password_change"))()
    stock = _stock_sentences(language, participant)
    assert len(stock) >= 6
    page = client.get(url).content.decode()
    attempts = [
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
        {"old_password": "a-Strong-pass-123", "new_password1": "12345", "new_password2": "12345"},
        {
            "old_password": "a-Strong-pass-123",
            "new_password1": "password",
            "new_password2": "password",
        },
        {
            "old_password": "a-Strong-pass-123",
            "new_password1": "kopi-susu-77",
            "new_password2": "kopi-susu-78",
        },
    ]
    pages = [page] + [client.post(url, data).content.decode() for data in attempts]
    for html in pages:
        for sentence in stock:
            assert sentence not in html, sentence
    assert 'class="error"' in pages[1] and 'class="error"' in pages[2]
    assert pages[3].count('class="error"') >= 1


def test_a_good_new_password_is_saved(client, participant):
    client.force_login(participant)
    response = client.post(
        "/id/accounts/password/",
        {
            "old_password": "a-Strong-pass-123",
            "new_password1": "kebun-kopi-sejuk-9",
            "new_password2": "kebun-kopi-sejuk-9",
        },
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.check_password("kebun-kopi-sejuk-9")
