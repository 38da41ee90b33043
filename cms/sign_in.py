"""Getting back in without a facilitator: a 6-digit code to the person's phone, then a new password.

``sign_in_code_request`` answers every number alike: a row is kept for a number without an
account too (nothing is sent for it), with the same work done, so neither the answer nor the
limits tell whether a number has an account. Per number: at most one code a minute and five a
day (counted in the database under a lock on the number, so parallel requests cannot slip
through); per address, ``cms.throttle`` in the view. A code lasts ``CODE_LIFETIME``, takes
``CODE_TRIES`` wrong tries (the next one is refused even when right), and is stored as a keyed
hash. Only the newest code of a number works.

cms sits below notifications, so it does not send the message itself: after commit it sends
``sign_in_code_issued(sender, user, code, expires_at)``, and ``notifications.notices`` turns
that into a direct, secret message (WhatsApp or SMS; never listed in the inbox).
"""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from cms.models import SignInCode, User

CODE_DIGITS = 6
CODE_LIFETIME = datetime.timedelta(minutes=10)
CODE_TRIES = 5
PER_MINUTE = 1
PER_DAY = 5

sign_in_code_issued = Signal()


def code_hash(mobile: str, code: str) -> str:
    return salted_hmac("cms.sign_in.code", f"{mobile}:{code}", algorithm="sha256").hexdigest()


def _lock_number(mobile: str) -> None:
    """Serialise the requests for one number until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"sign-in:{mobile}"])
    # SQLite (the embedded default) runs one write transaction at a time anyway.


def sign_in_code_request(*, mobile: str, now: datetime.datetime | None = None) -> bool:
    """Make a code for ``mobile`` (canonical "+62…") and send it if the number has an account.

    Returns whether a code was made (False: the number's limits were reached); callers show
    the same answer either way.
    """
    now = now or timezone.now()
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    hashed = code_hash(mobile, code)
    with transaction.atomic():
        _lock_number(mobile)
        today = SignInCode.objects.filter(
            mobile=mobile, created_at__gt=now - datetime.timedelta(days=1)
        )
        last_minute = today.filter(created_at__gt=now - datetime.timedelta(minutes=1))
        if last_minute.count() >= PER_MINUTE or today.count() >= PER_DAY:
            return False
        user = User.objects.filter(mobile=mobile, is_active=True).first()
        row = SignInCode.objects.create(
            mobile=mobile,
            user=user,
            code_hash=hashed,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
        if user is not None:
            transaction.on_commit(
                lambda: sign_in_code_issued.send(
                    sender=SignInCode, user=user, code=code, expires_at=row.expires_at
                )
            )
    return True


def password_reset_with_code(*, mobile: str, code: str, password: str) -> User:
    """Set a new password with the newest code of ``mobile``; returns the person.

    Refused with a clear message (and nothing but the count of tries changed) when there is no
    such code, it has expired or was used, it is wrong, or ``CODE_TRIES`` wrong tries were made.
    ``password`` was validated by the form.
    """
    now = timezone.now()
    refusal: ValidationError | None = None
    with transaction.atomic():
        row = (
            SignInCode.objects.select_for_update()
            .filter(mobile=mobile)
            .order_by("-created_at", "-pk")
            .first()
        )
        typed = code_hash(mobile, code)
        if row is None or row.used_at is not None:
            refusal = _wrong()
        elif row.tries >= CODE_TRIES:
            refusal = _too_many()
        elif row.expires_at <= now:
            refusal = ValidationError(
                _("This code has expired (a code lasts 10 minutes). Ask for a new code."),
                code="expired",
            )
        elif not constant_time_compare(typed, row.code_hash) or row.user_id is None:
            row.tries += 1
            row.save(update_fields=["tries"])
            refusal = _too_many() if row.tries >= CODE_TRIES else _wrong()
        else:
            user = User.objects.select_for_update().get(pk=row.user_id)
            user.set_password(password)
            user.save(update_fields=["password"])
            row.used_at = now
            row.save(update_fields=["used_at"])
    if refusal is not None:
        raise refusal
    return user


def _wrong() -> ValidationError:
    return ValidationError(
        _("This code is not right. Check the newest message we sent, or ask for a new code."),
        code="wrong_code",
    )


def _too_many() -> ValidationError:
    return ValidationError(
        _("Too many wrong tries for this code. Ask for a new code."), code="tries_used_up"
    )


def sign_in_codes_forget(*, now: datetime.datetime | None = None) -> int:
    """Delete codes older than a day (they count for nothing any more)."""
    now = now or timezone.now()
    deleted, _rows = SignInCode.objects.filter(
        created_at__lt=now - datetime.timedelta(days=1, hours=1)
    ).delete()
    return deleted
