"""A double tap on "Create my account" over a slow link: two sign-ups with one number at once
make one account, and the second is told the number is registered (not a 500)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from cms.forms import SignUpForm
from cms.models import User

DATA = {
    "name": "Dewi Lestari",
    "mobile": "0812 7777 0001",
    "password1": "Sungai-Biru-2026",
    "password2": "Sungai-Biru-2026",
    "sex": "female",
    "age_band": "25_34",
    "district": "wonosobo",
    "migrant_status": "returnee",
    "preferred_language": "en",
}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sign_ups_with_one_number_at_once(monkeypatch):
    # Both requests pass every check of the form before either saves: the race as it happens
    # on a slow link, made certain. The unique index decides.
    both_checked = threading.Barrier(2, timeout=20)
    save = SignUpForm.save

    def save_after_both_checked(self, *args, **kwargs):
        both_checked.wait()
        return save(self, *args, **kwargs)

    monkeypatch.setattr(SignUpForm, "save", save_after_both_checked)
    results: list[tuple[int, str]] = []

    def tap() -> None:
        try:
            response = Client().post("/en/accounts/signup/", DATA)
            results.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    taps = [threading.Thread(target=tap) for _ in range(2)]
    for thread in taps:
        thread.start()
    for thread in taps:
        thread.join(timeout=60)

    assert sorted(code for code, _html in results) == [200, 302]
    refused = next(html for code, html in results if code == 200)
    assert "This mobile number is already registered. Sign in instead." in refused
    user = User.objects.get(mobile="+6281277770001")
    assert user.is_participant
    assert User.objects.count() == 1
