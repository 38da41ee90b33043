"""Guessing passwords: sign-in, sign-up, password change and forms that send a message are
limited per number and per address, with HTTP 429 and a clear message (issue 11)."""

import time

import django_ratelimit.core
import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
TOO_MANY = "Too many tries, wait 10 minutes."


@pytest.fixture
def later(monkeypatch):
    """later(seconds): the rate limiter's clock jumps ahead (its windows are on that clock)."""

    def jump(seconds: float) -> None:
        now = time.time() + seconds
        monkeypatch.setattr(django_ratelimit.core.time, "time", lambda: now)

    return jump


def test_two_hundred_wrong_passwords_then_even_the_right_one_waits(client, participant, later):
    codes = [
        client.post(LOGIN, {"username": "0813 1111 0001", "password": f"wrong-{i}"}).status_code
        for i in range(200)
    ]
    assert codes[:10] == [200] * 10  # the first tries get the usual "not right" message
    assert set(codes[10:]) == {429}
    response = client.post(LOGIN, {"username": "081311110001", "password": "a-Strong-pass-123"})
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert "_auth_user_id" not in client.session
    # the same number written another way is the same number
    response = client.post(LOGIN, {"username": "+6281311110001", "password": "a-Strong-pass-123"})
    assert response.status_code == 429

    later(601)  # the window has passed
    response = client.post(LOGIN, {"username": "081311110001", "password": "a-Strong-pass-123"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(participant.pk)


def test_the_message_is_in_the_persons_language(client, participant):
    for _ in range(11):
        response = client.post("/id/accounts/login/", {"username": "081311110001", "password": "x"})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan, tunggu 10 menit." in response.content.decode()


def test_one_address_guessing_many_numbers_is_stopped(client, make_user):
    make_user("participants", "081311110077", name="Target")
    for n in range(50):
        client.post(LOGIN, {"username": f"0813{n:08d}", "password": "wrong"})
    response = client.post(LOGIN, {"username": "081311110077", "password": "a-Strong-pass-123"})
    assert response.status_code == 429
    # another address is not held back for the first one's guesses
    other = client.post(
        LOGIN,
        {"username": "081311110077", "password": "a-Strong-pass-123"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For")
def test_behind_a_proxy_the_proxys_header_names_the_address(client, make_user):
    make_user("participants", "081311110078", name="Target")
    for n in range(50):
        # the client prepends a made-up address; our proxy appends the real one
        client.post(
            LOGIN,
            {"username": f"0813{n:08d}", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 198.51.100.7",
        )
    blocked = client.post(
        LOGIN,
        {"username": "081311110078", "password": "a-Strong-pass-123"},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert blocked.status_code == 429
    elsewhere = client.post(
        LOGIN,
        {"username": "081311110078", "password": "a-Strong-pass-123"},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert elsewhere.status_code == 302


def test_limits_start_afresh_in_every_test(client, participant):
    """The cache is cleared between tests: the 200 tries above left nothing behind."""
    response = client.post(LOGIN, {"username": "081311110001", "password": "a-Strong-pass-123"})
    assert response.status_code == 302


def test_sign_up_is_limited_per_number(client):
    data = {"name": "Dewi", "mobile": "0812 5555 0001", "password1": "x", "password2": "y"}
    codes = [client.post("/en/accounts/signup/", data).status_code for _ in range(7)]
    assert codes == [200] * 5 + [429] * 2
    response = client.post("/en/accounts/signup/", data)
    assert TOO_MANY in response.content.decode()
    assert 'value="Dewi"' in response.content.decode()  # what was typed stays


def test_changing_the_password_is_limited(client, participant):
    client.force_login(participant)
    new = "Baru-2026-x!"
    data = {"old_password": "guess", "new_password1": new, "new_password2": new}
    codes = [client.post("/en/accounts/password/", data).status_code for _ in range(12)]
    assert codes[:10] == [200] * 10 and set(codes[10:]) == {429}
    data["old_password"] = "a-Strong-pass-123"
    assert client.post("/en/accounts/password/", data).status_code == 429
    participant.refresh_from_db()
    assert participant.check_password("a-Strong-pass-123")
