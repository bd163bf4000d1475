"""Counters in the shared cache: per fixed window for request budgets, and failure streaks
for sign-in lockouts.

A budget is counted per window aligned to the clock (the hour for `5000/hour`) by one atomic
increment. With CACHE_URL every process draws on one counter per key. When the cache cannot
be reached the count goes on in a budget local to the process rather than letting every
request through: an attacker who can make Redis slow or full must not thereby lift the
limits. (A process then allows up to the whole budget itself, so with N web processes up to
N times the rate passes while the cache is down; never an unlimited number.)
"""
from __future__ import annotations

import logging
import time

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)

# The process's own counters, used only while the shared cache is down. LocMemCache culls
# the oldest third past MAX_ENTRIES, which bounds its memory against many keys.
_local = LocMemCache("factcheck-budget-local", {"OPTIONS": {"MAX_ENTRIES": 50_000}})
_WARN_EVERY = 60.0
_warned_at = 0.0


def _add(cache, key: str, lifetime: int, amount: int) -> int:
    """Add to a counter that lives `lifetime` seconds; its new value."""
    if isinstance(cache, RedisCache):
        # INCRBY creates the counter; only a new one is given its expiry, so a request costs
        # one round trip. (Django's own incr() asks EXISTS first and cannot create the key.)
        name = cache.make_and_validate_key(key)
        client = cache._cache.get_client(name, write=True)
        count = client.incrby(name, amount)
        if count == amount:
            client.expire(name, lifetime)
        return count
    if amount == 0:
        return cache.get(key, 0)
    cache.add(key, 0, lifetime)
    try:
        return cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.add(key, amount, lifetime)
        return amount


def _warn_cache_down() -> None:
    global _warned_at
    now = time.monotonic()
    if now - _warned_at >= _WARN_EVERY:  # once a minute, not once a request
        _warned_at = now
        log.warning("shared cache unavailable: budgets are counted per process until it is back", exc_info=True)


def window_count(key: str, *, seconds: int, add: int = 1, now: float | None = None) -> tuple[int, float]:
    """Add `add` (0 to only read) to `key`'s counter for the current window of `seconds`.

    Returns (the count in this window, when the window ends as a time.time() instant).
    """
    now = time.time() if now is None else now
    window = int(now // seconds)
    counter = f"budget:{key}:{window}"
    try:
        count = _add(caches["default"], counter, seconds + 1, add)
    except Exception:
        _warn_cache_down()
        count = _add(_local, counter, seconds + 1, add)
    return count, (window + 1) * seconds


def _streak(cache, key: str, seconds: int, add: int, now: float) -> tuple[int, float]:
    if isinstance(cache, RedisCache):
        name = cache.make_and_validate_key(key)
        client = cache._cache.get_client(name, write=True)
        if add:
            count, _, ttl = client.pipeline().incrby(name, add).expire(name, seconds).ttl(name).execute()
        else:
            count, ttl = client.pipeline().get(name).ttl(name).execute()
        return int(count or 0), now + max(0, ttl)
    count, ends = cache.get(key) or (0, now)
    if add:
        count, ends = count + add, now + seconds
        cache.set(key, (count, ends), seconds)
    return count, ends


def streak_count(key: str, *, seconds: int, add: int = 1) -> tuple[int, float]:
    """Add `add` (0 to only read) to a streak that ends `seconds` after its last addition.

    Returns (the streak's count, when it ends as a time.time() instant). Unlike a clock
    window, a streak cannot be reset by waiting for the window's edge: five failures at
    12:59:58 still lock out until 13:14:58.
    """
    now = time.time()
    try:
        return _streak(caches["default"], f"streak:{key}", seconds, add, now)
    except Exception:
        _warn_cache_down()
        return _streak(_local, f"streak:{key}", seconds, add, now)
