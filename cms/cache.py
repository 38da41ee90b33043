"""Django's Redis cache, made to ride out a Redis restart instead of failing requests.

While Redis is away (restarting, loading its data, a network blip) a read is a miss, a write is
dropped, and ``add``/``incr`` answer the way django-ratelimit takes as "could not count", so a
rate-limited form refuses politely (its ``RATELIMIT_FAIL_OPEN`` is off) rather than raising.
The connection pool reconnects by itself on the next command once Redis is back. Every failure
is logged, so an outage is seen, not hidden.
"""

from __future__ import annotations

import functools
import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


def _or(fallback):
    """Run the method; if Redis is unavailable, log it and return ``fallback(*args)``."""

    def wrap(method):
        @functools.wraps(method)
        def run(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                logger.warning("cache unavailable in %s: %s", method.__name__, error)
                return fallback(*args, **kwargs)

        return run

    return wrap


def _incr_failed(*args, **kwargs):
    # django-ratelimit reads ValueError from incr as "no count" and then applies its fail-open
    # setting; any other caller of incr already handles a missing key this way.
    raise ValueError("cache unavailable")


class ResilientRedisCache(RedisCache):
    """``RedisCache`` whose reads miss and writes drop while Redis cannot be reached."""

    @_or(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_or(lambda *args, **kwargs: None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_or(lambda *args, **kwargs: False)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_or(_incr_failed)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    @_or(lambda *args, **kwargs: False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_or(lambda *args, **kwargs: False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_or(lambda *args, **kwargs: False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    @_or(lambda *args, **kwargs: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_or(lambda data, *args, **kwargs: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_or(lambda *args, **kwargs: None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)
