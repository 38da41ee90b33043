"""Getting back in without a facilitator (issue 15): "Lupa kata sandi?" sends a 6-digit code to the
phone; with it the person chooses a new password and is signed in."""

import datetime as dt
import re

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from django.utils import timezone

from cms import sign_in
from cms.models import SignInCode
from notifications.models import NotificationSettings
from notifications.notices import SIGN_IN_CODE

pytestmark = pytest.mark.django_db

NEW = "Kopi-Manis-2026"


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def person(make_user):
    return make_user("participants", "081355550001", name="Rina Lupa")


def _ask(client, mobile, capture, address="10.0.0.1"):
    with capture(execute=True):
        return client.post("/en/accounts/password/forgot/", {"mobile": mobile}, REMOTE_ADDR=address)


def _answer(client, code, password=NEW):
    return client.post(
        "/en/accounts/password/forgot/code/",
        {"code": code, "new_password1": password, "new_password2": password},
    )


def _visible(response) -> str:
    text = response.content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return text


def test_the_sign_in_page_offers_it(client):
    page = client.get("/id/accounts/login/").content.decode()
    assert 'href="/id/accounts/password/forgot/"' in page
    assert "Lupa kata sandi?" in page or "Forgot your password?" in page


def test_code_then_new_password_then_signed_in(
    received, client, person, django_capture_on_commit_callbacks
):
    # the person reads their messages by SMS first
    NotificationSettings.objects.create(user=person, channel_order=["sms", "whatsapp", "webpush"])
    response = _ask(client, "0813-5555-0001", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    message = received.last_message_to(person, SIGN_IN_CODE)
    assert (message.channel, message.to) == ("sms", "+6281355550001")
    code = message.code()
    assert "10 minutes" in message.text or "10 menit" in message.text
    assert message.link.startswith("http://testserver/") and message.path.endswith("/forgot/code/")
    # a secret code is never listed in the inbox
    own = Client()
    own.force_login(person)
    inbox = own.get("/en/notifications/")
    assert inbox.status_code == 200 and code not in inbox.content.decode()
    response = _answer(client, code)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    assert authenticate(username=person.mobile, password=NEW) == person
    assert authenticate(username=person.mobile, password="a-Strong-pass-123") is None
    # the code is spent
    other = Client()
    _ask(other, "081355550001", django_capture_on_commit_callbacks, address="10.0.0.2")
    assert _answer(other, code, "Another-Pass-2027").status_code == 200


def test_known_and_unknown_numbers_are_answered_alike(
    received, person, django_capture_on_commit_callbacks
):
    known, unknown = Client(), Client()
    first = _ask(known, person.mobile, django_capture_on_commit_callbacks)
    second = _ask(unknown, "081355559999", django_capture_on_commit_callbacks, "10.0.0.9")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    page_known = known.get(first["Location"])
    page_unknown = unknown.get(second["Location"])
    assert page_known.status_code == page_unknown.status_code == 200
    assert _visible(page_known).replace("0813-5555-0001", "N") == _visible(page_unknown).replace(
        "0813-5555-9999", "N"
    )
    # wrong codes, the limits and expiry read the same too
    for client in (known, unknown):
        refused = _answer(client, "000000")
        assert "This code is not right" in refused.content.decode()
    # a row for both (nothing sent for the unknown one)
    assert SignInCode.objects.filter(user__isnull=True).count() == 1
    assert received.messages_to(person, SIGN_IN_CODE) == 1


def test_a_flood_for_one_number_sends_at_most_five_codes_a_day(
    received, person, django_capture_on_commit_callbacks
):
    start = timezone.now()
    for n in range(100):
        # from many addresses (the per-address limit is not what is tested), over 100 minutes
        at = start + dt.timedelta(seconds=61 * (n // 2))
        with django_capture_on_commit_callbacks(execute=True):
            sign_in.sign_in_code_request(mobile=person.mobile, now=at)
    assert received.messages_to(person, SIGN_IN_CODE) == sign_in.PER_DAY == 5
    # and through the page, from fresh addresses: still nothing more
    for n in range(20):
        response = _ask(Client(), person.mobile, django_capture_on_commit_callbacks, f"10.1.0.{n}")
        assert response.status_code == 302
    assert received.messages_to(person, SIGN_IN_CODE) == 5


def test_one_code_a_minute(received, person, django_capture_on_commit_callbacks):
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert sign_in.sign_in_code_request(mobile=person.mobile, now=now)
        assert not sign_in.sign_in_code_request(
            mobile=person.mobile, now=now + dt.timedelta(seconds=50)
        )
        assert sign_in.sign_in_code_request(
            mobile=person.mobile, now=now + dt.timedelta(seconds=61)
        )
    assert received.messages_to(person, SIGN_IN_CODE) == 2


def test_an_address_is_limited_too(person, django_capture_on_commit_callbacks):
    client = Client()
    statuses = [
        _ask(client, f"08135555{n:04d}", django_capture_on_commit_callbacks).status_code
        for n in range(25)
    ]
    assert statuses[:20] == [302] * 20 and statuses[-1] == 429


def test_wrong_and_expired_codes_are_refused_with_a_clear_message(
    received, client, person, django_capture_on_commit_callbacks
):
    _ask(client, person.mobile, django_capture_on_commit_callbacks)
    code = received.last_message_to(person, SIGN_IN_CODE).code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    response = _answer(client, wrong)
    assert response.status_code == 200
    assert "This code is not right" in response.content.decode()
    SignInCode.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = _answer(client, code)
    assert "This code has expired" in response.content.decode()
    assert authenticate(username=person.mobile, password=NEW) is None


def test_the_sixth_try_is_refused_even_with_the_right_code(
    received, client, person, django_capture_on_commit_callbacks
):
    _ask(client, person.mobile, django_capture_on_commit_callbacks)
    code = received.last_message_to(person, SIGN_IN_CODE).code()
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(sign_in.CODE_TRIES):
        assert _answer(client, wrong).status_code == 200
    response = _answer(client, code)
    assert "Too many wrong tries" in response.content.decode()
    assert authenticate(username=person.mobile, password=NEW) is None
    assert authenticate(username=person.mobile, password="a-Strong-pass-123") == person


def test_codes_are_stored_hashed(received, client, person, django_capture_on_commit_callbacks):
    _ask(client, person.mobile, django_capture_on_commit_callbacks)
    code = received.last_message_to(person, SIGN_IN_CODE).code()
    row = SignInCode.objects.get()
    assert code not in " ".join(str(v) for v in SignInCode.objects.values().get().values())
    assert len(row.code_hash) == 64 and row.code_hash == sign_in.code_hash(person.mobile, code)


def test_the_code_is_not_in_the_inbox_kinds(person):
    from notifications.forms import kind_groups

    assert SIGN_IN_CODE not in {name for _k, _l, names in kind_groups(person) for name in names}


def test_a_weak_new_password_keeps_the_code(
    received, client, person, django_capture_on_commit_callbacks
):
    _ask(client, person.mobile, django_capture_on_commit_callbacks)
    code = received.last_message_to(person, SIGN_IN_CODE).code()
    response = _answer(client, code, "12345678")
    assert response.status_code == 200
    assert SignInCode.objects.get().tries == 0
    assert _answer(client, code).status_code == 302


def test_codes_older_than_a_day_are_forgotten(person):
    now = timezone.now()
    sign_in.sign_in_code_request(mobile=person.mobile, now=now - dt.timedelta(days=2))
    sign_in.sign_in_code_request(mobile=person.mobile, now=now)
    assert sign_in.sign_in_codes_forget(now=now) == 1
    assert SignInCode.objects.count() == 1
