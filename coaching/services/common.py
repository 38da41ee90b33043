"""What every coaching service shares: its error, the deadlock retry, work after commit."""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import OperationalError, transaction
from django.utils.translation import gettext as _

T = TypeVar("T")


class CoachingError(ValidationError):
    """A rule said no; ``message`` is meant for the person who asked."""


def clean_text(value: str | None) -> str:
    """Typed text, stripped; one with a NUL byte (which PostgreSQL cannot store) is refused."""
    value = (value or "").strip()
    if "\x00" in value:
        raise CoachingError(_("The text contains a character that is not allowed."), code="text")
    return value


def retrying(fn: Callable[[], T], attempts: int = 4) -> T:
    """Run ``fn`` (one transaction); retry when PostgreSQL picked it as a deadlock victim."""
    if transaction.get_connection().in_atomic_block:
        return fn()  # the caller owns the transaction; it cannot be retried from here
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as error:
            code = getattr(getattr(error, "__cause__", None), "sqlstate", None)
            if code not in {"40P01", "40001"} or attempt == attempts - 1:
                raise
            time.sleep(0.01 * (attempt + 1))
    raise AssertionError("unreachable")


def after_commit(fn: Callable[[], None]) -> None:
    """Run ``fn`` once the transaction commits (signals); its failure is logged, never raised."""
    transaction.on_commit(fn, robust=True)
