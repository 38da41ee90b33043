"""The Redis cache of production (cms/cache.py) while Redis is away: misses, never a 500."""

import pytest
from django_ratelimit.core import get_usage

from cms.cache import ResilientRedisCache
from tests.support.pgbouncer import free_port


@pytest.fixture
def absent_redis():
    """The cache pointed at a port where nothing listens (Redis restarting)."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    return ResilientRedisCache(url, {"OPTIONS": {"socket_connect_timeout": 0.5}})


def test_reads_miss_and_writes_drop_while_redis_is_away(absent_redis):
    absent_redis.set("lesson:1", "body")
    assert absent_redis.get("lesson:1") is None
    assert absent_redis.get("lesson:1", "fallback") == "fallback"
    assert absent_redis.get_many(["a", "b"]) == {}
    assert absent_redis.add("a", 1) is False
    assert absent_redis.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert absent_redis.delete("a") is False
    assert absent_redis.has_key("a") is False
    absent_redis.delete_many(["a", "b"])
    with pytest.raises(ValueError):
        absent_redis.incr("a")


def test_a_rate_limit_refuses_rather_than_fails_while_redis_is_away(rf, settings):
    """django-ratelimit counts in the cache: with no count it applies RATELIMIT_FAIL_OPEN (off),
    so a sign-in form says "too many tries" for the seconds Redis is away, never a 500."""
    settings.CACHES = {
        **settings.CACHES,
        "away": {
            "BACKEND": "cms.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        },
    }
    settings.RATELIMIT_USE_CACHE = "away"
    usage = get_usage(rf.post("/"), group="signin", key="ip", rate="10/10m", increment=True)
    assert usage["should_limit"] is True


@pytest.mark.redis
def test_it_is_django_redis_cache_when_redis_answers(redis_url):
    cache = ResilientRedisCache(redis_url, {"KEY_PREFIX": "test-resilient"})
    cache.set("k", {"v": 1}, 30)
    assert cache.get("k") == {"v": 1}
    assert cache.add("n", 0, 30) is True
    assert cache.incr("n") == 1
    cache.delete_many(["k", "n"])
