"""Recording what an attempt came to: delivered, gone, retried later (and when), or failed.

Each outcome is one prepared UPDATE, written as soon as the answer is in, and only while the
claim token still matches (a worker whose claim was taken over writes nothing).
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import random
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections

from notifications import conf
from notifications.models import Delivery, DeliveryStatus

logger = logging.getLogger(__name__)


def retry_delay(attempt: int) -> float:
    """Growing, jittered delay before retry number ``attempt`` (1 for the first retry)."""
    base = conf.get("WEBPUSH_RETRY_BASE_SECONDS") * 2 ** max(attempt - 1, 0)
    return min(base * random.uniform(0.5, 1.5), conf.get("WEBPUSH_RETRY_MAX_SECONDS"))


def parse_retry_after(value: str | None, *, now: datetime.datetime) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max((when - now).total_seconds(), 0.0)


NOT_RETRIED = {400, 401, 403, 413}


def outcome(delivery: Delivery, result, *, now: datetime.datetime) -> dict:
    """The fields to write for a delivery after one attempt (``result`` from its channel)."""
    attempts = delivery.attempts + 1
    fields = {"attempts": attempts, "status_code": result.status_code, "claim_token": ""}
    code = result.status_code
    if result.refused:  # the address is not allowed: no request was made, none will be
        logger.warning("%s to %s refused: %s", delivery.channel, delivery.endpoint, result.reason)
        return {**fields, "status": DeliveryStatus.FAILED, "reason": result.reason[:500]}
    if code is not None and 200 <= code < 300:
        return {**fields, "status": DeliveryStatus.DELIVERED, "sent_at": now, "reason": ""}
    if code in (404, 410):
        return {**fields, "status": DeliveryStatus.GONE, "reason": result.reason}
    max_attempts = conf.get("WEBPUSH_MAX_ATTEMPTS")
    if code == 429 or code is None or code >= 500:
        if attempts >= max_attempts:
            return {
                **fields,
                "status": DeliveryStatus.FAILED,
                "reason": f"gave up after {attempts} attempts: {result.reason}"[:500],
            }
        delay = None
        if code == 429:
            delay = parse_retry_after(result.retry_after, now=now)
        if delay is None:
            delay = retry_delay(attempts)
        return {
            **fields,
            "status": DeliveryStatus.RETRYING,
            "next_attempt_at": now + datetime.timedelta(seconds=delay),
            "reason": result.reason[:500],
        }
    level = logging.ERROR if code in NOT_RETRIED else logging.WARNING
    logger.log(
        level, "%s to %s refused (%s): %s", delivery.channel, delivery.endpoint, code, result.reason
    )
    return {**fields, "status": DeliveryStatus.FAILED, "reason": result.reason[:500]}


def _pooled() -> bool:
    """Whether connections go through a transaction pooler (DATABASE_POOLER): then nothing may
    outlive a transaction on the server (prepared statements, session settings)."""
    return bool(getattr(settings, "DATABASE_POOLER", ""))


@contextlib.contextmanager
def async_commit():
    """On PostgreSQL, commit claims and outcomes without waiting for the disk.

    A worker that dies loses nothing (the server has the commit); only a crash of PostgreSQL
    itself could forget the last outcomes, which then makes those pushes go again, and their
    Topic makes the push service replace the earlier copy.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block or _pooled():
        # Behind a transaction pooler a session-level SET would stay on a server connection
        # other clients then use, and the RESET could land on another one: commits wait.
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def outcome_write(pk: int, token: str, fields: dict) -> None:
    """One UPDATE, in plain SQL: it runs once per push, and the ORM's cost would show."""
    db = connections[DEFAULT_DB_ALIAS]  # `connection` is a proxy that looks it up on every use
    quote = db.ops.quote_name
    table = quote(Delivery._meta.db_table)
    columns = ", ".join(f"{quote(name)} = %s" for name in fields)
    sql = f"UPDATE {table} SET {columns} WHERE id = %s AND claim_token = %s"
    params = [*(str(v) if isinstance(v, DeliveryStatus) else v for v in fields.values()), pk, token]
    if db.vendor == "postgresql":
        # A prepared statement: PostgreSQL parses and plans it once per connection, not once per
        # push. (Django's psycopg cursors bind parameters on the client and never prepare.)
        import psycopg

        db.ensure_connection()
        with db.wrap_database_errors, psycopg.Cursor(db.connection) as cursor:
            cursor.execute(sql, params, prepare=not _pooled())
        return
    with db.cursor() as cursor:
        cursor.execute(sql, params)
